/**
 * Scans every account of the machine, one home after the other, and tags what it finds with the OS
 * user; imports the pipeline's scan function and platform accounts only.
 */
package dev.daylight.agent.allusers;
