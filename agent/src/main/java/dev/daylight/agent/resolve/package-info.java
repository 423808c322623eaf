/**
 * From a launch line to a package identity (purl, version, pinned) and the remote server behind a
 * proxy; pure functions of command and arguments, except {@code PythonModules}, which reads the
 * small metadata files of installed distributions (bounded, never importing them) to tell which one
 * provides a {@code python -m} module. Also the shell-word splitting that secrets uses.
 */
package dev.daylight.agent.resolve;
