/**
 * Text for people and for plain-text logs: the one sanitiser that shows control, bidi and format
 * characters as visible escapes, and the Logback converters that apply it; imports nothing of the
 * agent, so every package (the resident daemon included) may use it.
 */
package dev.daylight.agent.text;
