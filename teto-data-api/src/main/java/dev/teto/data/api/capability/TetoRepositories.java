package dev.teto.data.api.capability;

/**
 * Every capability group, composed the way Lettuce composes {@code RedisCommands} from its command interfaces.
 * The facade, an actor's view and a transaction all offer it.
 */
public interface TetoRepositories extends Accounts, Assessments, Analytics {
}
