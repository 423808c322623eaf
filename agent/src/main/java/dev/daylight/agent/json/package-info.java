/** Jackson trees built straight from the streaming parser, for the bundled data files. */
package dev.daylight.agent.json;
