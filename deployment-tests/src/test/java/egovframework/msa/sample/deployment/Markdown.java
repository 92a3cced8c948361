package egovframework.msa.sample.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the documentation tests read from a Markdown file: its fenced code blocks, its inline code spans
 * (outside fenced blocks), the commands a reader would type and the URLs it names.
 */
final class Markdown {

    /** The first words of a command a reader types (after any {@code NAME=value} assignments). */
    static final List<String> COMMAND_STARTS = List.of("./suite", "./mvnw", "docker", "kubectl", "curl", "podman",
            "kind", "minikube", "k8s/", "sudo", "deployment-tests/", "helm", "npx", "mmdc");

    private static final Set<String> SHELL_LANGUAGES = Set.of("bash", "sh", "shell", "console", "zsh");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)(```+|~~~+)\\s*([^`\\s]*).*$");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)([^`]+?)\\1");
    // Hangul is never part of a URL here: a Korean particle may follow a URL without a space.
    private static final Pattern URL = Pattern.compile("https?://[^\\s()\\[\\]`'\"|\\uAC00-\\uD7A3\\u3131-\\u318E]+");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(?:[A-Z_][A-Z0-9_]*=(?:\"[^\"]*\"|'[^']*'|\\$\\([^)]*\\)|\\S*)\\s+)+");

    private Markdown() {
    }

    /** A fenced block: its info string's first word (the language, may be empty) and its lines. */
    static final class Block {
        final String language;
        final String body;

        Block(String language, String body) {
            this.language = language;
            this.body = body;
        }
    }

    static List<Block> fencedBlocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String fence = null;
        String language = null;
        StringBuilder body = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher m = FENCE.matcher(line);
            if (fence == null) {
                if (m.matches()) {
                    fence = m.group(2);
                    language = m.group(3);
                    body = new StringBuilder();
                }
            } else if (line.trim().startsWith(fence) && line.trim().replace(fence.substring(0, 1), "").isEmpty()) {
                blocks.add(new Block(language, body.toString()));
                fence = null;
            } else {
                body.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** The text outside fenced blocks. */
    static String prose(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inFence = false;
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher m = FENCE.matcher(line);
            if (!inFence && m.matches()) {
                inFence = true;
                fence = m.group(2);
            } else if (inFence && line.trim().startsWith(fence) && line.trim().replace(fence.substring(0, 1), "").isEmpty()) {
                inFence = false;
            } else if (!inFence) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Inline code spans outside fenced blocks, in order, trimmed. */
    static List<String> inlineCode(String markdown) {
        List<String> spans = new ArrayList<>();
        Matcher m = INLINE_CODE.matcher(prose(markdown));
        while (m.find()) {
            // a span may go on over a line break: the break is a space
            spans.add(m.group(2).replaceAll("\\s+", " ").trim());
        }
        return spans;
    }

    /**
     * Every command a reader would type: the lines of the shell code blocks (continuation lines joined,
     * comments dropped) and the inline code spans, that start with one of {@link #COMMAND_STARTS}.
     */
    static Set<String> commands(String markdown) {
        Set<String> commands = new LinkedHashSet<>();
        for (Block block : fencedBlocks(markdown)) {
            if (!SHELL_LANGUAGES.contains(block.language)) {
                continue;
            }
            StringBuilder joined = new StringBuilder();
            for (String line : block.body.split("\n")) {
                String trimmed = line.trim();
                if (trimmed.endsWith("\\")) {
                    joined.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                joined.append(trimmed);
                if (joined.chars().filter(c -> c == '\'').count() % 2 == 1) {
                    // a quoted argument goes on to the next line
                    joined.append(' ');
                    continue;
                }
                addIfCommand(commands, joined.toString());
                joined.setLength(0);
            }
            addIfCommand(commands, joined.toString());
        }
        for (String span : inlineCode(markdown)) {
            addIfCommand(commands, span);
        }
        return commands;
    }

    /** Every http(s) URL, anywhere in the file, without trailing punctuation. */
    static Set<String> urls(String markdown) {
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL.matcher(markdown);
        while (m.find()) {
            urls.add(m.group().replaceAll("[.,;:!?>*]+$", ""));
        }
        return urls;
    }

    private static void addIfCommand(Set<String> commands, String line) {
        String command = withoutComment(line.startsWith("$ ") ? line.substring(2) : line).replaceAll("\\s+", " ").trim();
        if (command.isEmpty() || command.startsWith("#")) {
            return;
        }
        String program = ASSIGNMENT.matcher(command).replaceFirst("");
        for (String start : COMMAND_STARTS) {
            if (program.equals(start) || program.startsWith(start + " ") || (start.endsWith("/") && program.startsWith(start))) {
                commands.add(command);
                return;
            }
        }
    }

    /** The line without a shell comment: a {@code #} after white space, outside quotes. */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).trim();
            }
        }
        return line.trim();
    }
}
