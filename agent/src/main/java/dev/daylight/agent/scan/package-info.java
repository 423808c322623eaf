/**
 * The scan contract every stage shares: whose home and what is allowed (ScanContext), the stage
 * interface and joins; imports platform only.
 */
package dev.daylight.agent.scan;
