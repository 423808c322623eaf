/**
 * The collector's HTTP edge: server, routes, authentication filters, gzip, metrics and the
 * dashboard's static files; the only package that knows Jetty.
 */
package dev.daylight.collector.http;
