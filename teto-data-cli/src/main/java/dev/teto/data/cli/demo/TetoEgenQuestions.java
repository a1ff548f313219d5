package dev.teto.data.cli.demo;

import dev.teto.data.api.model.NewQuestion;

import java.util.ArrayList;
import java.util.List;

import static dev.teto.data.cli.demo.TetoEgenScorer.EGEN;
import static dev.teto.data.cli.demo.TetoEgenScorer.ENERGY;
import static dev.teto.data.cli.demo.TetoEgenScorer.EXPRESSION;
import static dev.teto.data.cli.demo.TetoEgenScorer.FEMININE;
import static dev.teto.data.cli.demo.TetoEgenScorer.MASCULINE;
import static dev.teto.data.cli.demo.TetoEgenScorer.TETO;

/**
 * The example question set, version {@value #VERSION}: 28 original Likert items (English, with a Korean gloss
 * after the slash), answered 1 = strongly disagree .. 5 = strongly agree.
 *
 * <p>14 items per axis, balanced between poles: 7 {@code teto} and 7 {@code egen} items on the
 * {@code energy} axis, 7 {@code masculine} and 7 {@code feminine} items on the {@code expression} axis. The
 * {@code subcategory} of an item is the pole that agreeing with it points to; see {@link TetoEgenScorer}.
 *
 * <p>{@link #all()} interleaves the axes and poles so that no two neighbouring items point the same way;
 * {@code order_index} runs from 1 to 28.
 */
public final class TetoEgenQuestions {

    public static final String VERSION = "teto-egen-v1";
    public static final int COUNT = 28;

    private static final String[] TETO_ITEMS = {
        "When a group can't decide, I'm usually the one who makes the call. / 다들 결정을 못 할 때 보통 내가 정한다.",
        "I'd rather act now and fix things later than wait for a perfect plan. / 완벽한 계획을 기다리기보다 일단 시작하고 나중에 고친다.",
        "A bit of competition brings out my best. / 약간의 경쟁이 있으면 더 잘하게 된다.",
        "I say what I think, even if it might start an argument. / 말다툼이 생길 수 있어도 생각한 것은 말한다.",
        "After a setback I shake it off quickly and move on. / 실패해도 금방 털고 다음으로 넘어간다.",
        "I enjoy taking charge of something new. / 새로운 일을 맡아서 이끄는 것이 즐겁다.",
        "I'd rather solve a problem on my own than talk it through first. / 문제가 생기면 이야기하기보다 혼자 해결하는 편이다.",
    };

    private static final String[] EGEN_ITEMS = {
        "I notice when someone's mood changes, even if they say nothing. / 말하지 않아도 상대의 기분 변화를 알아챈다.",
        "I think about how my words will land before I say them. / 말하기 전에 상대가 어떻게 받아들일지 생각한다.",
        "Keeping the peace matters more to me than winning an argument. / 논쟁에서 이기는 것보다 분위기를 지키는 것이 중요하다.",
        "Sad films or songs move me easily. / 슬픈 영화나 노래에 쉽게 감동한다.",
        "After a busy day I need quiet time alone to recharge. / 바쁜 하루 뒤에는 혼자 조용히 쉬어야 충전된다.",
        "I often replay conversations in my head afterwards. / 대화가 끝난 뒤에도 머릿속으로 자주 곱씹는다.",
        "I'd rather support a good leader than be the leader. / 리더가 되기보다 좋은 리더를 돕는 쪽이 편하다.",
    };

    private static final String[] MASCULINE_ITEMS = {
        "When a friend is upset, I offer practical solutions first. / 친구가 속상해하면 먼저 현실적인 해결책을 제시한다.",
        "I keep my messages short and to the point. / 메시지는 짧고 용건만 보낸다.",
        "I choose simple, functional clothes over fashionable ones. / 유행하는 옷보다 단순하고 편한 옷을 고른다.",
        "My face rarely shows what I'm feeling. / 감정이 얼굴에 잘 드러나지 않는다.",
        "I'd pick an active outing, like sports or hiking, over a café visit. / 카페에 가기보다 운동이나 등산 같은 활동을 고른다.",
        "I show I care through actions more than words. / 말보다 행동으로 마음을 표현한다.",
        "I spend little time getting ready before going out. / 외출 준비에 시간을 많이 들이지 않는다.",
    };

    private static final String[] FEMININE_ITEMS = {
        "I use lots of emoji and reactions when I text. / 메시지를 보낼 때 이모티콘과 리액션을 많이 쓴다.",
        "When a friend is upset, I listen and empathise before giving advice. / 친구가 속상해하면 조언보다 먼저 들어주고 공감한다.",
        "I enjoy decorating my space with things that look pretty. / 예쁜 물건으로 내 공간을 꾸미는 것을 좋아한다.",
        "I easily say \"I missed you\" or \"I love you\" to the people close to me. / 가까운 사람에게 \"보고 싶었어\", \"사랑해\"라는 말을 쉽게 한다.",
        "I notice small details like colours, scents and textures. / 색, 향기, 촉감 같은 작은 디테일을 잘 느낀다.",
        "I enjoy long, deep conversations about feelings and relationships. / 감정과 관계에 대한 길고 깊은 대화를 좋아한다.",
        "I remember anniversaries and small personal details about my friends. / 친구들의 기념일과 사소한 것까지 잘 기억한다.",
    };

    private TetoEgenQuestions() {
    }

    /** The 28 questions of {@value #VERSION}, in order (order_index 1..28). */
    public static List<NewQuestion> all() {
        List<NewQuestion> questions = new ArrayList<>(COUNT);
        for (int i = 0; i < TETO_ITEMS.length; i++) {
            add(questions, ENERGY, TETO, TETO_ITEMS[i]);
            add(questions, EXPRESSION, FEMININE, FEMININE_ITEMS[i]);
            add(questions, ENERGY, EGEN, EGEN_ITEMS[i]);
            add(questions, EXPRESSION, MASCULINE, MASCULINE_ITEMS[i]);
        }
        return List.copyOf(questions);
    }

    private static void add(List<NewQuestion> questions, String category, String subcategory, String text) {
        questions.add(NewQuestion.likert(VERSION, questions.size() + 1, category, subcategory, text));
    }
}
