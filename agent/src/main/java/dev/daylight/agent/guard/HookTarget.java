package dev.daylight.agent.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.daylight.agent.platform.Os;
import java.util.Map;
import java.util.Optional;

/**
 * One client's hook settings file, from {@code hook-targets.json}.
 *
 * @param shape {@link Shape#GROUPED} is Claude Code's {@code hooks.EVENT[].{matcher, hooks[]}}
 *     (Codex and Gemini CLI read the same shape); {@link Shape#FLAT} is a list of hook objects
 *     ({@code hooks.EVENT[]}: Cursor, Windsurf, Copilot CLI)
 * @param matcher the tool-name pattern of a grouped entry; null for flat ones
 * @param hook the fixed fields of Daylight's hook object (type, timeout in the client's unit, …)
 * @param commandKey the field that holds the command ({@code command}; Copilot CLI: {@code bash})
 * @param fileFields top-level fields the file needs, added only when missing ({@code version})
 * @param user the user's file as a catalog path template
 * @param usedIf the folder whose presence says the client is used here; null: the file's folder
 * @param managed the machine-wide (administrator) file per OS; an OS missing has none Daylight
 *     knows
 */
record HookTarget(
    String client,
    Shape shape,
    String event,
    String matcher,
    ObjectNode hook,
    String commandKey,
    ObjectNode fileFields,
    String user,
    String usedIf,
    Map<Os, String> managed) {

  enum Shape {
    GROUPED,
    FLAT
  }

  Optional<String> template(boolean machineWide, Os os) {
    return machineWide ? Optional.ofNullable(managed.get(os)) : Optional.of(user);
  }
}
