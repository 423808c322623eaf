/**
 * The guard: the decision file the AI clients' hook reads, the hook itself (a POSIX sh + awk
 * resource), installing it into each client's settings, and its spool of calls; imports store,
 * platform and protocol.
 */
package dev.daylight.agent.guard;
