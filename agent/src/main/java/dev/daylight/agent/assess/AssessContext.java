package dev.daylight.agent.assess;

import dev.daylight.agent.intel.Intel;
import java.nio.file.Path;

/**
 * What rules may consult beyond the inventory.
 *
 * @param home the scanned home, so a filesystem server rooted at it can be recognised
 */
record AssessContext(Intel intel, Path home) {}
