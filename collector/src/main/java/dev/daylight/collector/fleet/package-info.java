/**
 * Fleet queries over the stored reports (incident, devices, packages, owners); SQL only, below the
 * HTTP layer.
 */
package dev.daylight.collector.fleet;
