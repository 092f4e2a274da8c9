package dev.pairlab.pairs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HH-RLHF transcript convention ("\n\nHuman: …\n\nAssistant: …"), which Pairlab uses for every
 * multi-turn context so that all formats agree. A context that is a transcript ends with the
 * "\n\nAssistant: " that the answers continue.
 */
public final class Transcript {

    public static final String HUMAN = "\n\nHuman:";
    public static final String ASSISTANT = "\n\nAssistant:";
    private static final Pattern TURN = Pattern.compile("\n\n(Human|Assistant|System):[ ]?");

    /** One chat message, with roles as OpenAI/TRL name them: system, user, assistant. */
    public record Message(String role, String content) {
    }

    private Transcript() {
    }

    /** Whether a context is a transcript ending where an assistant answer begins. */
    public static boolean isTranscript(String context) {
        return context.startsWith(HUMAN) && (context.endsWith(ASSISTANT) || context.endsWith(ASSISTANT + " "));
    }

    /** Renders messages as a transcript context that ends with the assistant's turn opening. */
    public static String contextOf(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append(switch (m.role()) {
                case "assistant" -> ASSISTANT;
                case "system" -> "\n\nSystem:";
                default -> HUMAN;
            }).append(' ').append(m.content());
        }
        return sb.append(ASSISTANT).append(' ').toString();
    }

    /**
     * The messages of a context: a transcript is split at its turns (the final empty assistant
     * opening is dropped); any other text is one user message.
     */
    public static List<Message> messagesOf(String context) {
        List<Message> out = new ArrayList<>();
        if (!context.startsWith(HUMAN) && !context.startsWith("\n\nSystem:")) {
            out.add(new Message("user", context));
            return out;
        }
        Matcher m = TURN.matcher(context);
        String role = null;
        int start = 0;
        while (m.find()) {
            if (role != null) {
                out.add(new Message(role, context.substring(start, m.start())));
            }
            role = switch (m.group(1)) {
                case "Assistant" -> "assistant";
                case "System" -> "system";
                default -> "user";
            };
            start = m.end();
        }
        if (role != null && !(role.equals("assistant") && start == context.length())) {
            out.add(new Message(role, context.substring(start)));
        }
        return out;
    }
}
