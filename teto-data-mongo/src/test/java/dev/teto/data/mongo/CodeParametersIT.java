package dev.teto.data.mongo;

import dev.teto.data.api.content.CommunityPostRepository;
import dev.teto.data.api.content.InsightRepository;
import dev.teto.data.api.error.ValidationException;
import dev.teto.data.api.paging.PageRequest;
import dev.teto.data.core.TetoData;
import dev.teto.data.testing.TestStore;
import dev.teto.data.testing.TetoDataTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Code parameters (types, categories, tags) are checked before MongoDB or a cache key sees them. */
@TetoDataTest(stores = TestStore.MONGO)
class CodeParametersIT {

    @Test
    void everyCodeParameterRefusesWhatIsNoCode(TetoData data) {
        InsightRepository insights = data.get(InsightRepository.class);
        CommunityPostRepository posts = data.get(CommunityPostRepository.class);
        PageRequest page = PageRequest.first(10);
        refused("personalityType", () -> insights.popular("INTJ DROP {$gt:1}", 3));
        refused("personalityType", () -> insights.listByType("", null, page));
        refused("category", () -> insights.listByType("TETO", "a{b}", page));
        refused("personalityType", () -> insights.listRelated("x".repeat(300), page));
        refused("personalityType", () -> posts.listByPersonalityType("한국", page));
        refused("tag", () -> posts.listByTag("two words", page));
        assertEquals(0, insights.popular("TETO", 3).size());
    }

    private static void refused(String field, Executable call) {
        ValidationException e = assertThrows(ValidationException.class, call);
        assertEquals(field, e.field());
        assertFalse(e.getMessage().contains("DROP"), e.getMessage());
    }
}
