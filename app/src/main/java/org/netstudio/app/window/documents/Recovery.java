package org.netstudio.app.window.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.netstudio.app.document.Autosave;
import org.netstudio.app.document.OpenNet;
import org.netstudio.netgraph.net.Graph;
import org.netstudio.netgraph.net.NetDocument;

/**
 * After a crash: offers back what the previous run left in the autosave folder (a clean exit leaves
 * nothing). Restored nets open as unsaved, against the file they came from when it is still there;
 * declined ones are deleted. Autosaves that do not read are set aside and reported with the reason;
 * temporaries of saves killed half-way are removed. When the program ends while asking, everything
 * is offered again next time.
 */
public final class Recovery {

    private final AutosaveWriter autosave;
    private final NetTabs tabs;
    private final RecentNets recent;
    private final Prompts prompts;
    /** Set when the program ends; read on the FX thread. */
    private boolean exiting;

    Recovery(AutosaveWriter autosave, NetTabs tabs, RecentNets recent, Prompts prompts) {
        this.autosave = autosave;
        this.tabs = tabs;
        this.recent = recent;
        this.prompts = prompts;
    }

    /** The program ends: work being offered back stays in the autosave folder whatever the dialog answers as it closes. */
    void programEnds() {
        exiting = true;
    }

    public void offer() {
        autosave.removeOrphansBeside(recent.all());
        Autosave folder = autosave.autosave();
        Autosave.Scan scan = folder.scan();
        if (!scan.setAside().isEmpty()) {
            prompts.inform(scan.setAside().size() == 1 ? "Some unsaved work cannot be restored"
                    : scan.setAside().size() + " nets of unsaved work cannot be restored",
                    String.join("\n", scan.setAside().stream().map(a -> a.reason() + "; it was kept in "
                            + a.keptAt() + ".").toList()));
        }
        List<Autosave.Recovered> found = scan.recovered();
        if (found.isEmpty()) {
            return;
        }
        List<String> names = found.stream().map(r -> r.file().map(p -> p.getFileName().toString())
                .orElse(r.document().name().isBlank() ? "an untitled net" : r.document().name())).toList();
        boolean restore = prompts.askRestore(names);
        if (exiting) {
            // The program ends while asking (the dialog closed with it): offer it all again next time.
            return;
        }
        if (restore) {
            for (Autosave.Recovered r : found) {
                tabs.add(recovered(r));
            }
        }
        for (Autosave.Recovered r : found) {
            try {
                folder.delete(r.key());
            } catch (IOException e) {
                // offered again next time
            }
        }
        if (restore) {
            autosave.write(tabs.all());
        }
    }

    private static OpenNet recovered(Autosave.Recovered r) {
        NetDocument now = r.document();
        NetDocument saved = null;
        if (r.file().isPresent() && Files.isRegularFile(r.file().get())) {
            try {
                saved = OpenNet.read(r.file().get()).document();
            } catch (IOException | RuntimeException e) {
                saved = null;
            }
        }
        if (saved == null) {
            saved = new NetDocument(now.name(), Graph.empty(), null);
        }
        String name = now.name().isBlank() ? "Recovered" : now.name();
        return OpenNet.recovered(saved, now, r.file().filter(Files::isRegularFile).orElse(null), name);
    }
}
