package dev.daylight.agent.assess;

import dev.daylight.protocol.Client;
import dev.daylight.protocol.Evidence;
import dev.daylight.protocol.Inventory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code exposed-model-server}: an AI app whose {@code port} evidence shows a listener on every
 * interface ({@code 0.0.0.0}, {@code ::}, {@code *}), as the apps host probe records it.
 */
final class ExposedModelServerRule implements Rule {
  static final String ID = "exposed-model-server";
  private static final Pattern ALL_INTERFACES =
      Pattern.compile("(?:^|\\s)((?:0\\.0\\.0\\.0|\\[?::\\]?|\\*):\\d+)");

  @Override
  public void check(Inventory inventory, AssessContext context, FindingFactory out) {
    for (Client c : inventory.clients()) {
      for (Evidence e : c.evidence()) {
        if (!"port".equals(e.kind()) || e.text() == null) {
          continue;
        }
        Matcher m = ALL_INTERFACES.matcher(e.text());
        if (m.find()) {
          out.about(ID, "client:" + c.id() + "|" + m.group(1))
              .var("app", c.name())
              .var("address", m.group(1))
              .evidence(e)
              .emit();
        }
      }
    }
  }
}
