/**
 * Capability classes (email-send, messaging, shell-exec, ...) of a package from its fingerprint;
 * imports fingerprint, json and protocol.
 */
package dev.daylight.agent.capability;
