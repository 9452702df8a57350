<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Dossier::Core::Exporters</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::AnnotationsPanel</name>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n passage(s)</source>
        <translation>
            <numerusform>Remove %n passage</numerusform>
            <numerusform>Remove %n passages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n Passages</source>
        <translation>
            <numerusform>Remove %n Passage</numerusform>
            <numerusform>Remove %n Passages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::CooccurrenceGraph</name>
    <message numerus="yes">
        <source>%n weaker pair(s) not drawn</source>
        <translation>
            <numerusform>%n weaker pair not drawn</numerusform>
            <numerusform>%n weaker pairs not drawn</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::CopiesPanel</name>
    <message numerus="yes">
        <source>The story is in %n article(s); each copy is compared with the earliest, listed first.</source>
        <translation>
            <numerusform>The story is in %n article; each copy is compared with the earliest, listed first.</numerusform>
            <numerusform>The story is in %n articles; each copy is compared with the earliest, listed first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::CooccurrenceModel</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence(s)</source>
        <translation>
            <numerusform>%n sentence</numerusform>
            <numerusform>%n sentences</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::CooccurrencePanel</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s)</source>
        <translation>
            <numerusform>%n pair</numerusform>
            <numerusform>%n pairs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::DocumentListModel</name>
    <message numerus="yes">
        <source>%1 of %n copy(ies)</source>
        <translation>
            <numerusform>%1 of %n copy</numerusform>
            <numerusform>%1 of %n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One row for the %n articles of this story, %1 of them listed (View › Copies shows them)</source>
        <translation>
            <numerusform>One row for the %n article of this story, %1 of them listed (View › Copies shows them)</numerusform>
            <numerusform>One row for the %n articles of this story, %1 of them listed (View › Copies shows them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The same story is in %n other article(s) of the library (View › Copies shows them)</source>
        <translation>
            <numerusform>The same story is in %n other article of the library (View › Copies shows them)</numerusform>
            <numerusform>The same story is in %n other articles of the library (View › Copies shows them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::EntityCurator</name>
    <message numerus="yes">
        <source>%1 (%2, %n article(s))</source>
        <translation>
            <numerusform>%1 (%2, %n article)</numerusform>
            <numerusform>%1 (%2, %n articles)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::EntityFacetModel</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::ExportDialog</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::FindBar</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::MainWindow</name>
    <message numerus="yes">
        <source>%n missing</source>
        <translation>
            <numerusform>%n missing</numerusform>
            <numerusform>%n missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Watched folders: %n renamed or moved file(s) followed</source>
        <translation>
            <numerusform>Watched folders: %n renamed or moved file followed</numerusform>
            <numerusform>Watched folders: %n renamed or moved files followed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Watched folders: %n article(s) whose file went missing or came back</source>
        <translation>
            <numerusform>Watched folders: %n article whose file went missing or came back</numerusform>
            <numerusform>Watched folders: %n articles whose files went missing or came back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n story(ies)</source>
        <translation>
            <numerusform>%n story</numerusform>
            <numerusform>%n stories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n article(s)</source>
        <translation>
            <numerusform>%1 of %n article</numerusform>
            <numerusform>%1 of %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>From %1: %n article(s)</source>
        <translation>
            <numerusform>From %1: %n article</numerusform>
            <numerusform>From %1: %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n highlight(s)</source>
        <translation>
            <numerusform>, %n highlight</numerusform>
            <numerusform>, %n highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n code(s)</source>
        <translation>
            <numerusform>, %n code</numerusform>
            <numerusform>, %n codes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The texts are in %1. %n part(s) of the project were left out (see the details).</source>
        <translation>
            <numerusform>The texts are in %1. %n part of the project was left out (see the details).</numerusform>
            <numerusform>The texts are in %1. %n parts of the project were left out (see the details).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Watched folders: %n new article(s)</source>
        <translation>
            <numerusform>Watched folders: %n new article</numerusform>
            <numerusform>Watched folders: %n new articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n updated</source>
        <translation>
            <numerusform>, %n updated</numerusform>
            <numerusform>, %n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n failed</numerusform>
            <numerusform>, %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::SavedSearchList</name>
    <message numerus="yes">
        <source>%1 (%2, %n new)</source>
        <translation>
            <numerusform>%1 (%2, %n new)</numerusform>
            <numerusform>%1 (%2, %n new)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s), %1 new since last opened</source>
        <translation>
            <numerusform>%n article, %1 new since last opened</numerusform>
            <numerusform>%n articles, %1 new since last opened</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::TagManagerDialog</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage</numerusform>
            <numerusform>%n passages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::TimelineChart</name>
    <message numerus="yes">
        <source>%1: %n article(s)</source>
        <translation>
            <numerusform>%1: %n article</numerusform>
            <numerusform>%1: %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::TimelineEventModel</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more report(s)</source>
        <translation>
            <numerusform>… and %n more report</numerusform>
            <numerusform>… and %n more reports</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dossier::Ui::TimelinePanel</name>
    <message numerus="yes">
        <source>%n listed article(s) without a publication date (in no bar)</source>
        <translation>
            <numerusform>%n listed article without a publication date (in no bar)</numerusform>
            <numerusform>%n listed articles without a publication date (in no bar)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n undated</source>
        <translation>
            <numerusform>%n undated</numerusform>
            <numerusform>%n undated</numerusform>
        </translation>
    </message>
</context>
</TS>
