/**
 * The rules: known-malicious, vulnerable, unpinned, typosquat, plaintext secrets and the others,
 * each a pure function of the inventory and intel; imports intel, secrets, scan and protocol, never
 * the store or the disk.
 */
package dev.daylight.agent.assess;
