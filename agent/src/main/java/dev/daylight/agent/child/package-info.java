/**
 * One scan or delivery child of the resident agent, a JVM of its own: scans and stores, writes what
 * the resident watches, delivers reports and pulls the fleet policy, then exits. It may use the
 * pipeline, store and reporter; the resident ({@code daemon}) never imports this package.
 */
package dev.daylight.agent.child;
