/**
 * The release review: fingerprints kept per package version at first sight, and what a new version
 * adds over the one it is compared with, as release-* findings; imports fingerprint, store, scan,
 * intel, identity and protocol.
 */
package dev.daylight.agent.release;
