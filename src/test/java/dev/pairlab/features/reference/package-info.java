/**
 * A frozen copy of the text features as they were before issue 22's one-pass extraction (commit
 * 139af23), used only by {@code FeatureBitIdentityTest} as "the current implementation's output".
 * Do not change these classes when a production feature changes: a feature whose values change on
 * purpose (a named bug fix) gets its own exception in that test.
 */
package dev.pairlab.features.reference;
