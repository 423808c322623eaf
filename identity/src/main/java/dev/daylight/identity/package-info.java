/**
 * Package URLs, version orders (semver, PEP 440, a tolerant generic order) and version ranges,
 * shared by the agent's verdicts and the collector's fleet queries; imports nothing of Daylight.
 */
package dev.daylight.identity;
