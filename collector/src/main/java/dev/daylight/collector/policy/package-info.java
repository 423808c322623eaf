/** Fleet decisions (approve, deny) and the policy agents pull; below the HTTP layer. */
package dev.daylight.collector.policy;
