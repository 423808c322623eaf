/**
 * Assembles the one scan pipeline every front end runs (discovery, package resolution, installed
 * packages, apps, rules); imports the stage packages, and only front ends import it.
 */
package dev.daylight.agent.pipeline;
