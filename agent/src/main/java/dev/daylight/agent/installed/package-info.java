/**
 * What is really installed (npx cache, global npm, bun, uv, pipx, docker images) and the version a
 * floating launch line would run; a scan stage.
 */
package dev.daylight.agent.installed;
