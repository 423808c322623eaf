/**
 * From a launch line to a package identity (purl, version, pinned) and the remote server behind a
 * proxy; pure functions of command and arguments.
 */
package dev.daylight.agent.resolve;
