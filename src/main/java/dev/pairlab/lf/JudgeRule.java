package dev.pairlab.lf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.pairs.Json;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An LLM-judge labeling function: a prompt template ({context}, {a}, {b}) sent to an OpenAI-compatible
 * chat endpoint, whose answer is parsed into A, B or tie. Asked in both orders (A/B, then B/A) it
 * votes only when the two answers name the same response, which cancels the judge's position bias.
 * Votes come from the answers stored in the project ({@code pairlab lf apply}); a pair not asked yet
 * abstains. The API key is never stored: {@code keyEnv} names the environment variable (or keyring
 * entry) that holds it.
 *
 * @param answerRegex null: the whole answer must be A, B or tie (punctuation and case aside); else a
 *                    regular expression whose first group is A, B or tie
 */
public record JudgeRule(String endpoint, String model, String prompt, String keyEnv, String answerRegex, boolean bothOrders,
                        int maxTokens) implements LfDefinition {

    public static final String KIND = "llm";

    /** A prompt that works with small instruction-tuned models. */
    public static final String DEFAULT_PROMPT = """
            You are judging two responses to the same conversation.

            Conversation:
            {context}

            Response A:
            {a}

            Response B:
            {b}

            Which response is more helpful, honest and harmless? Reply with exactly one of: A, B, tie.""";

    /** What an answer says: the response shown first, the one shown second, a tie, or nothing usable. */
    public enum Verdict { FIRST, SECOND, TIE, UNPARSED }

    private static final Pattern PLAIN = Pattern.compile("^\\W*(A|B|tie)\\W*$", Pattern.CASE_INSENSITIVE);

    public JudgeRule {
        if (endpoint == null || endpoint.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("an LLM judge needs an endpoint and a model");
        }
        // Checked here, where every judge is made (CLI, LF editor, import of lfs.json), so no key reaches the project.
        endpoint = dev.pairlab.lf.Endpoints.checkUrl(endpoint, "the endpoint");
        keyEnv = dev.pairlab.lf.Endpoints.checkKeyEnv(keyEnv, "the judge's key variable");
        if (prompt == null || !prompt.contains("{a}") || !prompt.contains("{b}")) {
            throw new IllegalArgumentException("the judge prompt must contain {a} and {b} (and usually {context})");
        }
        if (answerRegex != null && answerRegex.isBlank()) {
            answerRegex = null;
        }
        if (answerRegex != null) {
            try {
                if (Pattern.compile(answerRegex).matcher("").groupCount() < 1) {
                    throw new IllegalArgumentException("the answer regex needs a group that captures A, B or tie");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the answer regex does not compile: " + e.getDescription());
            }
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Its votes come from stored answers, not from the texts at apply time. */
    @Override
    public boolean needsText() {
        return false;
    }

    @Override
    public String describe() {
        return "LLM judge: " + model + " at " + endpoint + (bothOrders ? ", both orders" : ", A/B order only");
    }

    /** The prompt for one order: in the B/A order answer B is shown as "A" and answer A as "B". */
    public String render(String context, String a, String b, boolean swapped) {
        String first = swapped ? b : a;
        String second = swapped ? a : b;
        // One pass, so text inside an answer that looks like a placeholder is left alone.
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\\{(context|a|b)}").matcher(prompt);
        while (m.find()) {
            String v = switch (m.group(1)) {
                case "context" -> context;
                case "a" -> first;
                default -> second;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    public Verdict parse(String output) {
        String token = null;
        if (answerRegex == null) {
            Matcher m = PLAIN.matcher(output.strip());
            if (m.matches()) {
                token = m.group(1);
            }
        } else {
            Matcher m = Pattern.compile(answerRegex).matcher(output);
            if (m.find() && m.group(1) != null) {
                token = m.group(1).strip();
            }
        }
        if (token == null) {
            return Verdict.UNPARSED;
        }
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "a" -> Verdict.FIRST;
            case "b" -> Verdict.SECOND;
            case "tie" -> Verdict.TIE;
            default -> Verdict.UNPARSED;
        };
    }

    /**
     * The vote from the verdicts of the A/B order and (when asked in both) the B/A order; null for an
     * answer not stored yet. Abstains on ties, unparsed answers and disagreement between orders.
     */
    public byte vote(Verdict ab, Verdict ba) {
        byte first = ab == Verdict.FIRST ? Votes.A : ab == Verdict.SECOND ? Votes.B : Votes.ABSTAIN;
        if (!bothOrders) {
            return first;
        }
        byte second = ba == Verdict.FIRST ? Votes.B : ba == Verdict.SECOND ? Votes.A : Votes.ABSTAIN;
        return first != Votes.ABSTAIN && first == second ? first : Votes.ABSTAIN;
    }

    /** The LF's column for the pairs {@code ids} from stored verdicts (pair id → [A/B order, B/A order]). */
    public byte[] column(java.util.Map<Long, String[]> verdicts, long[] ids) {
        byte[] out = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            String[] v = verdicts.get(ids[i]);
            out[i] = v == null || v[0] == null ? Votes.ABSTAIN
                    : vote(Verdict.valueOf(v[0]), v[1] == null ? Verdict.UNPARSED : Verdict.valueOf(v[1]));
        }
        return out;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode().put("endpoint", endpoint).put("model", model).put("prompt", prompt)
                .put("both_orders", bothOrders).put("max_tokens", maxTokens);
        if (keyEnv != null) {
            o.put("key_env", keyEnv);
        }
        if (answerRegex != null) {
            o.put("answer_regex", answerRegex);
        }
        return o;
    }

    /**
     * A stored or exported judge. Definitions saved before keys and credentials were refused are read
     * with them taken out (a key given as the variable name is dropped), so they can be used and
     * re-saved clean rather than failing every command that reads the project's LFs.
     */
    static JudgeRule fromJson(JsonNode n) throws LfException {
        String keyEnv = n.hasNonNull("key_env") ? n.get("key_env").asText() : null;
        try {
            dev.pairlab.lf.Endpoints.checkKeyEnv(keyEnv, "the judge's key variable");
        } catch (IllegalArgumentException e) {
            keyEnv = null;
        }
        try {
            return new JudgeRule(dev.pairlab.lf.Endpoints.withoutCredentials(n.path("endpoint").asText(null)), n.path("model").asText(null),
                    n.path("prompt").asText(null), keyEnv,
                    n.hasNonNull("answer_regex") ? n.get("answer_regex").asText() : null, n.path("both_orders").asBoolean(true),
                    n.path("max_tokens").asInt(8));
        } catch (IllegalArgumentException e) {
            throw new LfException("LLM judge LF: " + e.getMessage(), e);
        }
    }
}
