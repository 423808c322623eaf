package dev.daylight.ui.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws the tray icon for each level: a green circle with a tick, an amber triangle with an
 * exclamation mark, a red octagon with a cross. The outline differs too, so the level reads in grey
 * scale and to people who do not tell red from green.
 */
public final class TrayIcons {
  private static final int SIZE = 64;

  private TrayIcons() {}

  public static BufferedImage image(TrayLevel level) {
    BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      Shape outline =
          switch (level) {
            case CLEAR -> new Ellipse2D.Double(2, 2, SIZE - 4, SIZE - 4);
            case ATTENTION -> new Polygon(new int[] {32, 62, 2}, new int[] {2, 60, 60}, 3);
            case DANGER -> octagon();
          };
      g.setColor(
          switch (level) {
            case CLEAR -> new Color(0x1E, 0x8E, 0x3E);
            case ATTENTION -> new Color(0xF2, 0xA9, 0x00);
            case DANGER -> new Color(0xC5, 0x22, 0x1F);
          });
      g.fill(outline);
      g.setColor(level == TrayLevel.ATTENTION ? Color.BLACK : Color.WHITE);
      g.setStroke(new BasicStroke(8, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      switch (level) {
        case CLEAR -> {
          g.drawLine(17, 33, 28, 44);
          g.drawLine(28, 44, 47, 21);
        }
        case ATTENTION -> {
          g.drawLine(32, 22, 32, 41);
          g.fillOval(28, 47, 8, 8);
        }
        case DANGER -> {
          g.drawLine(21, 21, 43, 43);
          g.drawLine(43, 21, 21, 43);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static Shape octagon() {
    Path2D.Double p = new Path2D.Double();
    double r = SIZE / 2.0 - 1;
    for (int i = 0; i < 8; i++) {
      double a = Math.PI / 8 + i * Math.PI / 4;
      double x = SIZE / 2.0 + r * Math.cos(a);
      double y = SIZE / 2.0 + r * Math.sin(a);
      if (i == 0) {
        p.moveTo(x, y);
      } else {
        p.lineTo(x, y);
      }
    }
    p.closePath();
    return p;
  }
}
