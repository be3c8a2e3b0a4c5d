/**
 * Tests of the report formats' escaping classes, each against every class of bad character
 * ({@link org.lockwitness.witness.report.BadCharCases}).
 */
package org.lockwitness.witness.report;
