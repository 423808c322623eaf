/**
 * The resident agent (watcher, scheduler, child processes and their contract) that stays small
 * between scans; it never imports the pipeline, store, rules or reporter (an ArchUnit rule).
 */
package dev.daylight.agent.daemon;
