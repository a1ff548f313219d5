package dev.teto.data.api.capability;

import dev.teto.data.api.repository.AnswerRepository;
import dev.teto.data.api.repository.AssessmentFlow;
import dev.teto.data.api.repository.AssessmentRepository;
import dev.teto.data.api.repository.ProfileRepository;
import dev.teto.data.api.repository.QuestionRepository;

/** The test itself: questions, assessments, answers, profiles, and the flow that takes a user through it. */
public interface Assessments extends CapabilityLookup {
    default QuestionRepository questions() {
        return get(QuestionRepository.class);
    }

    default AssessmentRepository assessments() {
        return get(AssessmentRepository.class);
    }

    default AnswerRepository answers() {
        return get(AnswerRepository.class);
    }

    default ProfileRepository profiles() {
        return get(ProfileRepository.class);
    }

    default AssessmentFlow assessmentFlow() {
        return get(AssessmentFlow.class);
    }
}
