import java.awt.Robot;
import java.awt.event.KeyEvent;

/**
 * Types into the focused window of the current X display, so a screenshot can show a state that
 * keyboard use reaches. Each argument is a key ("tab", "ctrl+f") or lower-case text ("waiting").
 * Run with the JDK's source launcher: java scripts/lib/TypeKeys.java ctrl+f waiting tab
 */
public class TypeKeys {
  public static void main(String[] args) throws Exception {
    Robot robot = new Robot();
    robot.setAutoDelay(40);
    for (String arg : args) {
      switch (arg) {
        case "tab" -> tap(robot, KeyEvent.VK_TAB);
        case "enter" -> tap(robot, KeyEvent.VK_ENTER);
        default -> {
          if (arg.startsWith("ctrl+") && arg.length() == 6) {
            robot.keyPress(KeyEvent.VK_CONTROL);
            tap(robot, KeyEvent.getExtendedKeyCodeForChar(arg.charAt(5)));
            robot.keyRelease(KeyEvent.VK_CONTROL);
          } else {
            for (char c : arg.toCharArray()) {
              tap(robot, c == ' ' ? KeyEvent.VK_SPACE : KeyEvent.getExtendedKeyCodeForChar(c));
            }
          }
        }
      }
      robot.delay(300);
    }
  }

  private static void tap(Robot robot, int key) {
    robot.keyPress(key);
    robot.keyRelease(key);
  }
}
