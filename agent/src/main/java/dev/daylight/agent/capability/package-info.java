/**
 * Capability classes (email-send, messaging, shell-exec, ...) of a package from its fingerprint,
 * and of a server from its package, its remote host, the tools it was asked to run or the
 * known-packages list; imports fingerprint, json, identity and protocol.
 */
package dev.daylight.agent.capability;
