package dev.daylight.agent.guard;

import dev.daylight.agent.platform.Os;
import java.util.Map;
import java.util.Optional;

/**
 * One client's hook settings file, from {@code hook-targets.json}.
 *
 * @param shape {@link Shape#GROUPED} is Claude Code's {@code hooks.EVENT[].{matcher, hooks[]}}
 *     (Codex reads the same shape); {@link Shape#FLAT} is Cursor's {@code hooks.EVENT[].command}
 * @param matcher the tool-name pattern of a grouped entry; null for flat ones
 * @param user the user's file as a catalog path template
 * @param managed the machine-wide (administrator) file per OS; an OS missing has none Daylight knows
 */
record HookTarget(
    String client,
    Shape shape,
    String event,
    String matcher,
    Integer timeoutSeconds,
    String user,
    Map<Os, String> managed) {

  enum Shape { GROUPED, FLAT }

  Optional<String> template(boolean machineWide, Os os) {
    return machineWide ? Optional.ofNullable(managed.get(os)) : Optional.of(user);
  }
}
