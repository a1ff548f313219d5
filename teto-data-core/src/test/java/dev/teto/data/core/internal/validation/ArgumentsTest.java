package dev.teto.data.core.internal.validation;

import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.model.AnswerInput;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.repository.UserRepository;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArgumentsTest {

    private static Method method(Class<?> type, String name) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyParameterIsRequiredUnlessMarkedNullable() {
        Method list = method(UserRepository.class, "list");
        assertDoesNotThrow(() -> Arguments.validate(list, new Object[] {null, null, dev.teto.data.api.paging.PageRequest.first(1)}));
        assertEquals("page", assertThrows(ValidationException.class,
                () -> Arguments.validate(list, new Object[] {null, null, null})).field());
        assertEquals("id", assertThrows(ValidationException.class,
                () -> Arguments.validate(method(UserRepository.class, "findById"), new Object[] {null})).field());
    }

    @Test
    void textMayNotHoldNul() {
        assertEquals("email", assertThrows(ValidationException.class,
                () -> Arguments.validate(method(UserRepository.class, "findByEmail"), new Object[] {"a\u0000b"})).field());
    }

    @Test
    void instantsMustFitEveryStore() {
        assertThrows(ValidationException.class, () -> Arguments.instant("at", Instant.MAX));
        assertThrows(ValidationException.class, () -> Arguments.instant("at", Instant.parse("-5000-01-01T00:00:00Z")));
        assertDoesNotThrow(() -> Arguments.instant("at", Instant.parse("-4712-01-01T00:00:00Z")));
    }

    @Test
    void listElementsAreValidatedAndNamedByPosition() {
        Method answerAll = method(AssessmentFlow.class, "answerAll");
        List<AnswerInput> answers = Arrays.asList(AnswerInput.likert(UUID.randomUUID(), 3),
                new AnswerInput(UUID.randomUUID(), null, null, "text\u0000", null));
        ValidationException e = assertThrows(ValidationException.class,
                () -> Arguments.validate(answerAll, new Object[] {UUID.randomUUID(), answers}));
        assertEquals("answers[1].textResponse", e.field());
        ValidationException missing = assertThrows(ValidationException.class,
                () -> Arguments.validate(answerAll, new Object[] {UUID.randomUUID(), Arrays.asList(answers.get(0), null)}));
        assertEquals("answers[1]", missing.field());
    }
}
