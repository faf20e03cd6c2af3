package org.netstudio.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How Help names its documents and finds the one a link names. */
class HelpDocumentTest {

    @Test
    void theViewerCallsEachDocumentByItsTitle() {
        assertThat(Arrays.stream(HelpDocument.values()).map(HelpDocument::title))
                .containsExactly("User Guide", "Layer Reference", "Command Line", "Net File Format", "Architecture");
    }

    @Test
    void aRelativeLinkNamesADocumentByItsFile() {
        assertThat(HelpDocument.byFile("./cli.md")).contains(HelpDocument.COMMAND_LINE);
        assertThat(HelpDocument.byFile("layers.md")).contains(HelpDocument.LAYER_REFERENCE);
        assertThat(HelpDocument.byFile("README.md")).isEmpty();
    }
}
