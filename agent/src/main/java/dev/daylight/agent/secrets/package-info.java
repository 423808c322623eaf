/**
 * Finds secret values in launch lines, env and URLs and replaces them with keyed redaction marks
 * before anything leaves the process; pure, with word lists as resources.
 */
package dev.daylight.agent.secrets;
