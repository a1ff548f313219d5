package dev.teto.data.api.content;

/**
 * Every size limit of the content records, in code points (text) or elements (lists). They keep documents far from
 * MongoDB's 16 MB document limit and make bad input fail before any write.
 */
public final class ContentLimits {
    /** Post and insight titles. */
    public static final int TITLE_MAX = 200;
    /** A post's content. */
    public static final int POST_CONTENT_MAX = 20_000;
    /** An insight's content. */
    public static final int INSIGHT_CONTENT_MAX = 50_000;
    /** One comment. */
    public static final int COMMENT_MAX = 2_000;
    /** Feedback's free-text comments. */
    public static final int FEEDBACK_COMMENTS_MAX = 5_000;
    /** Tags per post, and related types per insight. */
    public static final int TAGS_MAX = 20;
    /** One tag. */
    public static final int TAG_MAX = 50;
    /** Codes: personality_type, category, pattern_type, cohort_type, a feedback metadata field. */
    public static final int CODE_MAX = 50;
    /** An insight's author, a cohort_value, a breakdown label, a feedback metadata value (browser, device, page). */
    public static final int NAME_MAX = 200;
    /** Timestamps and values of one behavioral pattern. */
    public static final int SERIES_MAX = 10_000;
    /** Anomalies given with one pattern record. */
    public static final int ANOMALIES_MAX = 1_000;
    /** Entries of one demographic breakdown list. */
    public static final int BREAKDOWN_MAX = 200;
    /** A search query. */
    public static final int SEARCH_QUERY_MAX = 200;
    /** Results of one search or one popular-insights call. */
    public static final int RESULTS_MAX = 100;

    private ContentLimits() {
    }
}
