package dev.pairlab.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The keyboard shortcuts the window has, read from where they are registered (menu accelerators, the
 * scene's accelerators, and keys that a screen binds with {@link #bind}), so that Help → Keyboard
 * shortcuts cannot drift from what the keys do.
 */
public final class Shortcuts {

    /** One shortcut: its keys as the platform shows them ("Ctrl+S"), what it does, and where it works. */
    public record Shortcut(String keys, String action, String where) {
    }

    private static final String KEY = "pairlab.shortcuts";

    private Shortcuts() {
    }

    /**
     * Binds a key on a screen or control: it acts while the focus is inside {@code scope} (the event is
     * consumed) and is listed in Help → Keyboard shortcuts as doing {@code action} in {@code where}.
     */
    public static void bind(Node scope, KeyCombination key, String where, String action, Runnable run) {
        scope.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (key.match(e)) {
                e.consume();
                run.run();
            }
        });
        registered(scope).add(new Shortcut(key.getDisplayText(), action, where));
    }

    @SuppressWarnings("unchecked")
    private static List<Shortcut> registered(Node scope) {
        return (List<Shortcut>) scope.getProperties().computeIfAbsent(KEY, k -> new ArrayList<Shortcut>());
    }

    /** Every shortcut of the scene: the menus' accelerators, the scene's, then those bound on its nodes. */
    public static List<Shortcut> of(Scene scene) {
        Map<String, Shortcut> out = new LinkedHashMap<>();
        if (scene.getRoot() != null) {
            walk(scene.getRoot(), out, true);
        }
        // The scene's accelerators hold the menus' again (the menu bar installs them there) and its own F10.
        java.util.Set<String> listed = new java.util.HashSet<>();
        out.values().forEach(sc -> listed.add(sc.keys()));
        for (KeyCombination k : scene.getAccelerators().keySet()) {
            String keys = k.getDisplayText();
            if (listed.add(keys)) {
                out.put(keys + "|window", new Shortcut(keys, keys.equals("F10") ? "focus the menu bar" : "window shortcut", "anywhere"));
            }
        }
        if (scene.getRoot() != null) {
            walk(scene.getRoot(), out, false);
        }
        return List.copyOf(out.values());
    }

    /** Menus first (menus == true), bound keys in a second pass. */
    private static void walk(Node node, Map<String, Shortcut> out, boolean menus) {
        if (menus && node instanceof MenuBar bar) {
            for (Menu m : bar.getMenus()) {
                items(m, m.getText(), out);
            }
        }
        if (!menus && node.getProperties().get(KEY) instanceof List<?> list) {
            for (Object o : list) {
                Shortcut s = (Shortcut) o;
                out.putIfAbsent(s.keys() + "|" + s.where(), s);
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, out, menus);
            }
        }
        if (!menus && node instanceof javafx.scene.control.TabPane tabs) {
            for (javafx.scene.control.Tab t : tabs.getTabs()) { // screens of unselected tabs are not in the scene graph's children
                if (t.getContent() != null && t.getContent().getParent() == null) {
                    walk(t.getContent(), out, false);
                }
            }
        }
    }

    private static void items(Menu menu, String path, Map<String, Shortcut> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                items(sub, path + " → " + sub.getText(), out);
            } else if (item.getAccelerator() != null) {
                String keys = item.getAccelerator().getDisplayText();
                out.putIfAbsent(keys + "|menu", new Shortcut(keys, path + " → " + item.getText().replace("…", ""), "anywhere"));
            }
        }
    }
}
