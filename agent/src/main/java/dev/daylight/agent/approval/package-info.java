/**
 * Approval by capability class: which classes need one (fleet policy, rules file, built-in
 * default), the {@code unapproved-capability} findings of servers that have such a class and no
 * approval, and approving a server or a class; imports capability, change (trust), store, usage,
 * scan, assess (the rules file) and protocol.
 */
package dev.daylight.agent.approval;
