/**
 * What a package version holds, read once as bytes: file hashes and the indicators its code and
 * manifest show (a token reader of JS/TS and Python, indicator definitions as data); imports assess
 * (look-alike names), secrets (redaction), json and protocol.
 */
package dev.daylight.agent.fingerprint;
