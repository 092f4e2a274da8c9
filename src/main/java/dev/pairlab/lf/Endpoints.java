package dev.pairlab.lf;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that keeps API keys out of projects, manifests and logs, for the command line and the
 * desktop app alike: key names that are really keys are refused, endpoint URLs that carry credentials
 * are refused, and anything key-like in what a server says is redacted before it is shown.
 */
public final class Endpoints {

    /** POSIX portable environment variable names; 100 characters is more than any real one needs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    /** Prefixes of common API key formats (OpenAI, Anthropic, Hugging Face, GitHub, Google, Slack, AWS, Groq). */
    private static final Pattern KEY_PREFIX = Pattern.compile("^(sk-|sk_|hf_|ghp_|gho_|github_pat_|AIza|xox[abpr]-|AKIA|gsk_|pk-|rk-)");

    /** Query parameters that carry credentials in URLs. */
    private static final Set<String> SECRET_PARAMS = Set.of("key", "api_key", "apikey", "api-key", "token", "access_token", "auth",
            "auth_token", "password", "secret", "client_secret", "x-api-key", "sig", "signature");

    private static final String REDACTED = "[redacted]";

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+)[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern KNOWN_FORMATS = Pattern.compile(
            "\\b(sk-|sk_|hf_|ghp_|gho_|github_pat_|AIza|xox[abpr]-|AKIA|gsk_)[A-Za-z0-9_\\-]{6,}");
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)([\"']?(?:x-)?(?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|password|authorization|key)[\"']?"
            + "\\s*[:=]\\s*[\"']?)([^\\s\"'&,;}]{4,})");
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9_\\-+=]{32,}");

    private Endpoints() {
    }

    /**
     * The environment variable name to store for an API key, or null when none is given.
     *
     * @param what   the field in the user's words, e.g. "the judge's key variable" (no CLI flag: the GUI shows it too)
     * @throws IllegalArgumentException naming the field, never repeating the value, when it is not a
     *                                  valid name or looks like a key itself
     */
    public static String checkKeyEnv(String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        String hint = "give the NAME of the environment variable that holds the key, e.g. OPENAI_API_KEY";
        if (looksLikeKey(v)) {
            throw new IllegalArgumentException(what + " looks like an API key itself (it was not stored); " + hint);
        }
        if (!NAME.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " must be an environment variable name (letters, digits and _, not starting"
                    + " with a digit, at most 100 characters); " + hint);
        }
        return v;
    }

    /** A key format's prefix, or 20+ characters mixing upper case, lower case and digits with no word structure. */
    static boolean looksLikeKey(String v) {
        if (KEY_PREFIX.matcher(v).find() && v.length() >= 16) {
            return true;
        }
        return v.length() >= 20 && randomLooking(v);
    }

    /** Mixed case and digits and no more than one underscore: names are words (OPENAI_API_KEY), keys are not. */
    private static boolean randomLooking(String v) {
        boolean upper = false;
        boolean lower = false;
        int digits = 0;
        int underscores = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digits += Character.isDigit(c) ? 1 : 0;
            underscores += c == '_' ? 1 : 0;
        }
        return upper && lower && digits >= 2 && underscores <= 1 || entropyBitsPerChar(v) >= 4.2;
    }

    /** Shannon entropy of the characters (random base62 keys approach 5.9 bits; names stay below 4). */
    private static double entropyBitsPerChar(String v) {
        int[] counts = new int[128];
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 128) {
                counts[c]++;
                n++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    /**
     * An OpenAI-compatible base URL as it may be stored: http or https with a host, without
     * credentials (user:password@ or a key in the query), trailing slash removed.
     *
     * @param what how the message names it, e.g. "the endpoint"
     */
    public static String checkUrl(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String u = url.strip();
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL: " + redact(u, null));
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(what + " must start with http:// or https://, got " + redact(u, null));
        }
        if (uri.getRawUserInfo() != null || u.substring(u.indexOf("://") + 3).split("[/?#]", 2)[0].contains("@")) {
            throw new IllegalArgumentException(what + " must not carry credentials (user:password@host); give the name of the key's environment"
                    + " variable instead (the URL was not stored)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(what + " has no host: " + redact(u, null));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String param : query.split("&")) {
                String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (SECRET_PARAMS.contains(name)) {
                    throw new IllegalArgumentException(what + " must not carry credentials (the query parameter '" + name
                            + "'); give the name of the key's environment variable instead (the URL was not stored)");
                }
            }
        }
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** The URL with credentials taken out, for definitions stored before they were refused. */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String u = USERINFO.matcher(url.strip()).replaceAll("$1");
        int q = u.indexOf('?');
        if (q < 0) {
            return u;
        }
        StringBuilder kept = new StringBuilder();
        for (String param : u.substring(q + 1).split("&")) {
            if (!SECRET_PARAMS.contains(param.split("=", 2)[0].toLowerCase(Locale.ROOT))) {
                kept.append(kept.length() == 0 ? "" : "&").append(param);
            }
        }
        return u.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept);
    }

    /**
     * A warning for plain http:// to a host other than this machine (prompts and the key travel
     * unencrypted), or empty.
     */
    public static Optional<String> plainHttpWarning(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("http") || uri.getHost() == null || loopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("warning: " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + " is plain http: prompts, answers and any API key travel unencrypted; use https:// for hosts other than this machine");
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /**
     * Text from or about a server (an error body, an exception message) with the key, bearer tokens,
     * key-formatted strings, {@code key=value} credentials, URL userinfo and long random tokens
     * replaced by "[redacted]". Every server error Pairlab shows goes through here.
     *
     * @param key the key sent with the request, or null
     */
    public static String redact(String text, String key) {
        if (text == null) {
            return null;
        }
        String t = text;
        if (key != null && key.strip().length() >= 4) {
            t = t.replace(key.strip(), REDACTED);
        }
        t = BEARER.matcher(t).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
        t = KNOWN_FORMATS.matcher(t).replaceAll(Matcher.quoteReplacement(REDACTED));
        t = ASSIGNED.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        t = USERINFO.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        t = LONG_TOKEN.matcher(t).replaceAll(m -> Matcher.quoteReplacement(randomLooking(m.group()) ? REDACTED : m.group()));
        return t;
    }
}
