package org.netstudio.app.help;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.netstudio.app.help.Markdown.Block;
import org.netstudio.app.help.Markdown.Heading;

/**
 * A document cut into the parts Help shows one at a time: what comes before the first second-level
 * heading, then one part per second-level heading. Showing a part rather than a whole document keeps
 * the window quick (the layer reference alone is hundreds of tables and paragraphs). Pure.
 */
final class HelpSections {

    private HelpSections() {
    }

    /** One part: its title, its blocks (its heading first) and the anchors of the headings in it. */
    record Section(String title, List<Block> blocks, Set<String> anchors) {
    }

    /** The parts of a document; the first is titled by the document's first heading. */
    static List<Section> split(List<Block> blocks) {
        List<Section> sections = new ArrayList<>();
        List<Block> part = new ArrayList<>();
        Set<String> anchors = new LinkedHashSet<>();
        String title = null;
        for (Block b : blocks) {
            if (b instanceof Heading h && h.level() == 2 && !part.isEmpty()) {
                sections.add(new Section(title == null ? "" : title, List.copyOf(part), Set.copyOf(anchors)));
                part.clear();
                anchors.clear();
                title = null;
            }
            if (b instanceof Heading h) {
                anchors.add(h.anchor());
                if (title == null) {
                    title = Markdown.plain(h.text());
                }
            }
            part.add(b);
        }
        if (!part.isEmpty()) {
            sections.add(new Section(title == null ? "" : title, List.copyOf(part), Set.copyOf(anchors)));
        }
        return sections;
    }

    /** The blocks under the heading that reads {@code title}, up to the next heading of its level or above. */
    static List<Block> under(List<Block> blocks, String title) {
        List<Block> section = new ArrayList<>();
        int level = 0;
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                if (level > 0 && h.level() <= level) {
                    break;
                }
                if (level == 0 && Markdown.plain(h.text()).equals(title)) {
                    level = h.level();
                    continue;
                }
            }
            if (level > 0) {
                section.add(b);
            }
        }
        return section;
    }
}
