/**
 * One repository interface per aggregate of the seed's schema, plus {@link dev.teto.data.api.repository.AssessmentFlow}
 * for taking the test. Implementations live in adapter modules; obtain them from {@link dev.teto.data.api.TetoData}.
 */
package dev.teto.data.api.repository;
