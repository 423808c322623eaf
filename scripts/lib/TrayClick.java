import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;

/**
 * Right-clicks Daylight's tray icon on the current X display, so a screenshot can show its menu.
 * Finds the icon by its colours (green, amber or red; see TrayIcons) in the top strip where the
 * tray host sits. Run with the JDK's source launcher: java scripts/lib/TrayClick.java
 */
public class TrayClick {
  private static final Color[] ICON = {
    new Color(0x1E, 0x8E, 0x3E), new Color(0xF2, 0xA9, 0x00), new Color(0xC5, 0x22, 0x1F)
  };

  public static void main(String[] args) throws Exception {
    Robot robot = new Robot();
    var screen = Toolkit.getDefaultToolkit().getScreenSize();
    int stripHeight = 64;
    BufferedImage strip = robot.createScreenCapture(new Rectangle(0, 0, screen.width, stripHeight));
    int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
    for (int y = 0; y < stripHeight; y++) {
      for (int x = 0; x < screen.width; x++) {
        if (isIcon(new Color(strip.getRGB(x, y)))) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    if (maxX < 0) {
      System.err.println("tray icon not found in the top " + stripHeight + " pixels");
      System.exit(1);
    }
    int x = (minX + maxX) / 2;
    int y = (minY + maxY) / 2;
    // Quick in and out: a pointer resting on the icon would raise its tooltip over the menu.
    robot.mouseMove(x, y);
    robot.delay(60);
    int button = args.length > 0 && args[0].equals("left") ? InputEvent.BUTTON1_DOWN_MASK : InputEvent.BUTTON3_DOWN_MASK;
    robot.mousePress(button);
    robot.delay(80);
    robot.mouseRelease(button);
    robot.delay(60);
    robot.mouseMove(x - 60, y + 20);
    robot.delay(800);
    System.out.println(x + " " + y);
  }

  private static boolean isIcon(Color c) {
    for (Color i : ICON) {
      if (Math.abs(c.getRed() - i.getRed()) < 12 && Math.abs(c.getGreen() - i.getGreen()) < 12
          && Math.abs(c.getBlue() - i.getBlue()) < 12) {
        return true;
      }
    }
    return false;
  }
}
