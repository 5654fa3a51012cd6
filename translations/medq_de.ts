<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Medical image quality annotation workstation.</source>
        <translation>Arbeitsplatz für die Qualitätsannotation medizinischer Bilder.</translation>
    </message>
    <message>
        <source>Workspace folder to open.</source>
        <translation>Zu öffnender Arbeitsbereich-Ordner.</translation>
    </message>
    <message>
        <source>Open the demo workspace (built on first use).</source>
        <translation>Den Demo-Arbeitsbereich öffnen (wird beim ersten Mal erstellt).</translation>
    </message>
    <message>
        <source>Who is working (skips the start dialog).</source>
        <translation>Wer arbeitet (überspringt den Startdialog).</translation>
    </message>
    <message>
        <source>annotator or lead (default annotator).</source>
        <translation>annotator (Annotator) oder lead (Laborleitung); Standard: annotator.</translation>
    </message>
    <message>
        <source>Interface language for this run: en, de or zh_CN (default: Edit ▸ Preferences, else the system language).</source>
        <translation>Sprache der Oberfläche für diesen Start: en, de oder zh_CN (Standard: Bearbeiten ▸ Einstellungen, sonst die Systemsprache).</translation>
    </message>
    <message>
        <source>More console logging.</source>
        <translation>Ausführlichere Konsolenausgabe.</translation>
    </message>
</context>
<context>
    <name>medq::gui</name>
    <message>
        <source>round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>round (0 = start)</source>
        <translation>Runde (0 = Start)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>expert</source>
        <translation>Experte</translation>
    </message>
    <message>
        <source>expert (default)</source>
        <translation>Experte (Standardwert)</translation>
    </message>
</context>
<context>
    <name>medq::gui::AnnotationPanel</name>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Quality attributes (keys 1–9)</source>
        <translation>Qualitätsmerkmale (Tasten 1–9)</translation>
    </message>
    <message>
        <source>Model draft</source>
        <translation>Modellentwurf</translation>
    </message>
    <message>
        <source>Overall quality (Alt+1/2/3)</source>
        <translation>Gesamtqualität (Alt+1/2/3)</translation>
    </message>
    <message>
        <source>&amp;Good</source>
        <translation>&amp;Gut</translation>
    </message>
    <message>
        <source>&amp;Usable</source>
        <translation>&amp;Nutzbar</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Describe the quality: findings, severity, clinical impact. End with the overall rating.</source>
        <translation>Beschreiben Sie die Qualität: Befunde, Schweregrad, klinische Auswirkung. Schließen Sie mit der Gesamtbewertung.</translation>
    </message>
    <message>
        <source>Unreadable (F)</source>
        <translation>Nicht auswertbar (F)</translation>
    </message>
    <message>
        <source>Wrong modality (Alt+M)</source>
        <translation>Falsche Modalität (Alt+M)</translation>
    </message>
    <message>
        <source>PHI visible (Alt+P)</source>
        <translation>Patientendaten sichtbar (Alt+P)</translation>
    </message>
    <message>
        <source>flag</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Accept draft (A)</source>
        <translation>Entwurf übernehmen (A)</translation>
    </message>
    <message>
        <source>Submit &amp;&amp; next (Ctrl+Enter)</source>
        <translation>Absenden &amp;&amp; weiter (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>typing</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Select an item in a queue to start.</source>
        <translation>Wählen Sie zum Beginnen ein Element in einer Warteschlange.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · queue &lt;i&gt;%3&lt;/i&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · Warteschlange &lt;i&gt;%3&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Why here: %1</source>
        <translation>&lt;br&gt;Warum hier: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#d08a00&apos;&gt;Restored your unsubmitted work.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#d08a00&apos;&gt;Ihre nicht abgesendete Arbeit wurde wiederhergestellt.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;The file declares text burned into the pixels: check for patient identity and flag PHI visible (Alt+P).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;Die Datei meldet in die Pixel eingebrannten Text: Prüfen Sie auf Patientenidentität und markieren Sie ggf. „Patientendaten sichtbar“ (Alt+P).&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;No model draft for this item: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;Kein Modellentwurf für dieses Element: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leicht</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>mäßig</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>schwer</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>Merkmal</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>Wird bearbeitet…</translation>
    </message>
    <message>
        <source>NOT SAVED</source>
        <translation>NICHT GESPEICHERT</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>There is no model draft to accept: write the annotation and press Ctrl+Enter.</source>
        <translation>Es gibt keinen Modellentwurf zum Übernehmen: Schreiben Sie die Annotation und drücken Sie Strg+Eingabe.</translation>
    </message>
    <message>
        <source>Choose an answer (Ctrl+1…4) or flag the image as unreadable before submitting.</source>
        <translation>Wählen Sie vor dem Absenden eine Antwort (Strg+1…4) oder markieren Sie das Bild als nicht auswertbar.</translation>
    </message>
    <message>
        <source>Set the overall quality (Alt+1 good, Alt+2 usable, Alt+3 reject) before submitting.</source>
        <translation>Legen Sie vor dem Absenden die Gesamtqualität fest (Alt+1 gut, Alt+2 nutzbar, Alt+3 verwerfen).</translation>
    </message>
    <message>
        <source>Could not submit: %1</source>
        <translation>Absenden nicht möglich: %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;PHI risk: burned-in text&lt;/b&gt; was found in the pixels; the image is kept out of exports. Flag PHI visible (Alt+P) if it shows patient identity.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;Datenschutzrisiko: eingebrannter Text&lt;/b&gt; wurde in den Pixeln gefunden; das Bild wird nicht exportiert. Markieren Sie „Patientendaten sichtbar“ (Alt+P), wenn es die Patientenidentität zeigt.&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>medq::gui::AnnotatorDialog</name>
    <message>
        <source>Who is annotating?</source>
        <translation>Wer annotiert?</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator/in</translation>
    </message>
    <message>
        <source>Lab lead</source>
        <translation>Laborleitung</translation>
    </message>
    <message>
        <source>e.g. dr.meyer</source>
        <translation>z. B. dr.meyer</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
</context>
<context>
    <name>medq::gui::CheckpointTableModel</name>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>eingebaut</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Herkunft</translation>
    </message>
</context>
<context>
    <name>medq::gui::ComparisonView</name>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
</context>
<context>
    <name>medq::gui::DestinationCombo</name>
    <message>
        <source>Import (de-identified)</source>
        <translation>Importieren (de-identifiziert)</translation>
    </message>
    <message>
        <source>Register in the pool</source>
        <translation>Im Pool registrieren</translation>
    </message>
</context>
<context>
    <name>medq::gui::DisplayNames</name>
    <message>
        <source>MRI</source>
        <translation>MRT</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>Endoscopy</source>
        <translation>Endoskopie</translation>
    </message>
    <message>
        <source>Histopathology</source>
        <translation>Histopathologie</translation>
    </message>
    <message>
        <source>Fundus photography</source>
        <translation>Fundusfotografie</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Experte</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Spot-check</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>zurückgegeben</translation>
    </message>
    <message>
        <source>yes/no question</source>
        <translation>Ja/Nein-Frage</translation>
    </message>
    <message>
        <source>what question</source>
        <translation>Was-Frage</translation>
    </message>
    <message>
        <source>how question</source>
        <translation>Wie-Frage</translation>
    </message>
    <message>
        <source>comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>it wrote no words</source>
        <translation>es schrieb keine Wörter</translation>
    </message>
    <message>
        <source>it repeated one word over and over</source>
        <translation>es wiederholte immer wieder dasselbe Wort</translation>
    </message>
    <message>
        <source>it never finished the description</source>
        <translation>es hat die Beschreibung nie beendet</translation>
    </message>
</context>
<context>
    <name>medq::gui::DraftRendering</name>
    <message>
        <source>Model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Answer entropy %1 nats&lt;/p&gt;</source>
        <translation>&lt;p&gt;Antwortentropie %1 nats&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Mean token entropy %1 nats; highlighted words are uncertain (entropy &amp;gt; %2)&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;Mittlere Token-Entropie %1 nats; hervorgehobene Wörter sind unsicher (Entropie &amp;gt; %2)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>leicht</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>schwer</translation>
    </message>
    <message>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>verwendbar</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <source>Model %1 · assessment of the image</source>
        <translation>Modell %1 · Beurteilung des Bildes</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Overall quality: %1&lt;/b&gt; · score %2 of 5&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Gesamtqualität: %1&lt;/b&gt; · Wert %2 von 5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No quality attribute is likely present.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wahrscheinlich liegt kein Qualitätsmerkmal vor.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#9a6700&apos;&gt;&lt;b&gt;The description concludes %1, the rated level is %2&lt;/b&gt;: the two readings disagree; judge the image yourself.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#9a6700&apos;&gt;&lt;b&gt;Laut Beschreibung ist die Qualität %1, die bewertete Stufe ist %2&lt;/b&gt;: Die beiden Einschätzungen widersprechen sich; beurteilen Sie das Bild selbst.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Uncertainty %1 (0 sure, 1 lost)&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;Unsicherheit %1 (0 sicher, 1 ratlos)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The model could not draft this image&lt;/b&gt;: %1. Write the description yourself.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Das Modell konnte für dieses Bild keinen Entwurf schreiben&lt;/b&gt;: %1. Schreiben Sie die Beschreibung selbst.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The model could not describe this image&lt;/b&gt;: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Das Modell konnte dieses Bild nicht beschreiben&lt;/b&gt;: %1.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>medq::gui::EnginePanel</name>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Cancel Job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Start Round…</source>
        <translation>Runde starten…</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Log messages of the engine and its jobs appear here.</source>
        <translation>Hier erscheinen die Protokollmeldungen der Engine und ihrer Aufträge.</translation>
    </message>
    <message>
        <source>Cancel the selected job; the workspace stays as it was before it (rounds resume later)</source>
        <translation>Ausgewählten Auftrag abbrechen; der Arbeitsbereich bleibt wie vor dem Auftrag (Runden werden später fortgesetzt)</translation>
    </message>
    <message>
        <source>Queue the next loop round</source>
        <translation>Nächste Schleifenrunde einreihen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>medq::gui::EngineStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the running job; the workspace stays as it was before it</source>
        <translation>Laufenden Auftrag abbrechen; der Arbeitsbereich bleibt wie vor dem Auftrag</translation>
    </message>
    <message>
        <source>Engine idle</source>
        <translation>Engine im Leerlauf</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source> (about %1 s left)</source>
        <translation> (noch etwa %1 s)</translation>
    </message>
</context>
<context>
    <name>medq::gui::ExpertReferenceJob</name>
    <message>
        <source>Score the simulated expert</source>
        <translation>Simulierten Experten bewerten</translation>
    </message>
    <message>
        <source>Simulated expert answers the test split</source>
        <translation>Simulierter Experte beantwortet den Testdatensatz</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Bewertet</translation>
    </message>
    <message>
        <source>simulated expert: accuracy %1, rubric %2</source>
        <translation>simulierter Experte: Genauigkeit %1, Bewertungsschema %2</translation>
    </message>
    <message>
        <source>no synthetic test tasks to score the simulated expert on</source>
        <translation>keine synthetischen Testaufgaben, an denen der simulierte Experte bewertet werden kann</translation>
    </message>
</context>
<context>
    <name>medq::gui::ImageBrowser</name>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Queue for annotation</source>
        <translation>Zur Annotation &amp;einreihen</translation>
    </message>
    <message>
        <source>Search path or series…</source>
        <translation>Pfad oder Serie suchen…</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Jede Quelle</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Put the selected images in the expert queue (Ctrl+Shift+Q)</source>
        <translation>Die ausgewählten Bilder in die Expertenwarteschlange stellen (Strg+Umschalt+Q)</translation>
    </message>
    <message>
        <source>Any modality</source>
        <translation>Jede Modalität</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>medq::gui::ImageCatalogModel</name>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>pool image</source>
        <translation>Pool-Bild</translation>
    </message>
    <message>
        <source>pool file</source>
        <translation>Pool-Datei</translation>
    </message>
    <message>
        <source>not queued</source>
        <translation>nicht eingereiht</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>annotiert</translation>
    </message>
    <message>
        <source>in pool</source>
        <translation>im Pool</translation>
    </message>
    <message>
        <source>changed on disk</source>
        <translation>auf der Platte geändert</translation>
    </message>
    <message>
        <source>gone from disk</source>
        <translation>von der Platte verschwunden</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>%1×%2×%3</source>
        <translation>%1×%2×%3</translation>
    </message>
    <message>
        <source>%1×%2</source>
        <translation>%1×%2</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>PHI risk: burned-in text</source>
        <translation>Datenschutzrisiko: eingebrannter Text</translation>
    </message>
    <message>
        <source>%1
%2: text was found in the pixels, which may identify the patient. The image is kept out of exports; check it before sharing it.</source>
        <translation>%1
%2: In den Pixeln wurde Text gefunden, der den Patienten identifizieren kann. Das Bild wird nicht exportiert; prüfen Sie es, bevor Sie es weitergeben.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>medq::gui::LabWorkbench</name>
    <message>
        <source>Prototype Gallery</source>
        <translation>Prototypengalerie</translation>
    </message>
    <message>
        <source>Rounds Dashboard</source>
        <translation>Runden-Übersicht</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Routing Calibration</source>
        <translation>Routing-Kalibrierung</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <source>Prototype &amp;Gallery</source>
        <translation>Prototypen&amp;galerie</translation>
    </message>
    <message>
        <source>Rounds &amp;Dashboard</source>
        <translation>Runden-Ü&amp;bersicht</translation>
    </message>
    <message>
        <source>&amp;Engine and Logs</source>
        <translation>&amp;Engine und Protokolle</translation>
    </message>
    <message>
        <source>Routing &amp;Calibration</source>
        <translation>Routing-&amp;Kalibrierung</translation>
    </message>
    <message>
        <source>&amp;Start Round…</source>
        <translation>Runde &amp;starten…</translation>
    </message>
    <message>
        <source>&amp;Refresh Lab Views</source>
        <translation>Laboransichten &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öffnen Sie zuerst einen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Cannot start a round: %1</source>
        <translation>Runde kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Round settings: %1</source>
        <translation>Rundeneinstellungen: %1</translation>
    </message>
    <message>
        <source>Add Reference Set from &amp;Annotations…</source>
        <translation>Referenzsatz aus &amp;Annotationen hinzufügen…</translation>
    </message>
    <message>
        <source>Cannot define a reference set: %1</source>
        <translation>Referenzsatz kann nicht festgelegt werden: %1</translation>
    </message>
    <message>
        <source>Test: measure the model on it (never trained on)</source>
        <translation>Test: das Modell daran messen (nie damit trainiert)</translation>
    </message>
    <message>
        <source>Validation: calibrate routing and gate checkpoints with it</source>
        <translation>Validierung: Routing kalibrieren und Checkpoints damit prüfen</translation>
    </message>
    <message>
        <source>Reference Set from Annotations</source>
        <translation>Referenzsatz aus Annotationen</translation>
    </message>
    <message>
        <source>The annotated images of your site whose annotators agree become a reference set: their descriptions, and questions derived from their quality and attributes. Use it as:</source>
        <translation>Die annotierten Bilder Ihres Standorts, bei denen sich die Annotierenden einig sind, werden zu einem Referenzsatz: ihre Beschreibungen und aus Qualität und Merkmalen abgeleitete Fragen. Verwenden als:</translation>
    </message>
    <message>
        <source>Workspace busy</source>
        <translation>Arbeitsbereich belegt</translation>
    </message>
    <message>
        <source>Another job holds this workspace: %1.

Wait for it and start the round when it finishes? The status bar shows the wait, and Cancel stops it.</source>
        <translation>Ein anderer Auftrag belegt diesen Arbeitsbereich: %1.

Darauf warten und die Runde starten, sobald er fertig ist? Die Statusleiste zeigt das Warten, Abbrechen beendet es.</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>&amp;Warten</translation>
    </message>
    <message>
        <source>&amp;Train Model…</source>
        <translation>Modell &amp;trainieren…</translation>
    </message>
    <message>
        <source>Cannot train the model: %1</source>
        <translation>Das Modell kann nicht trainiert werden: %1</translation>
    </message>
    <message>
        <source>Training settings: %1</source>
        <translation>Trainingseinstellungen: %1</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>Add &amp;TorchScript Model…</source>
        <translation>&amp;TorchScript-Modell hinzufügen…</translation>
    </message>
    <message>
        <source>Cannot add a model: %1</source>
        <translation>Modell kann nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <source>Add a TorchScript Model</source>
        <translation>TorchScript-Modell hinzufügen</translation>
    </message>
    <message>
        <source>TorchScript modules (*.pt *.pth *.ts);;All files (*)</source>
        <translation>TorchScript-Module (*.pt *.pth *.ts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Checkpoint name:</source>
        <translation>Name des Checkpoints:</translation>
    </message>
    <message>
        <source>Cannot change the model: %1</source>
        <translation>Modell kann nicht gewechselt werden: %1</translation>
    </message>
    <message>
        <source>Strategy Comparison</source>
        <translation>Strategievergleich</translation>
    </message>
    <message>
        <source>Strategy Com&amp;parison</source>
        <translation>Strategie&amp;vergleich</translation>
    </message>
</context>
<context>
    <name>medq::gui::MainWindow</name>
    <message>
        <source>MedQ-Engine Workstation</source>
        <translation>MedQ-Engine Workstation</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>&amp;Demo-Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>&amp;Import Images…</source>
        <translation>Bilder &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Light Theme</source>
        <translation>&amp;Helles Design</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About MedQ-Engine Workstation</source>
        <translation>Über MedQ-Engine Workstation</translation>
    </message>
    <message>
        <source>MedQ-Engine Workstation %1
Medical image quality annotation with a closed data loop.</source>
        <translation>MedQ-Engine Workstation %1
Qualitätsannotation medizinischer Bilder mit geschlossenem Datenkreislauf.</translation>
    </message>
    <message>
        <source>A job is running</source>
        <translation>Ein Auftrag läuft</translation>
    </message>
    <message>
        <source>Cancel the running job and quit? Its partial work is discarded.</source>
        <translation>Den laufenden Auftrag abbrechen und beenden? Seine Teilergebnisse werden verworfen.</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öffnen Sie zuerst einen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>Bilder importieren</translation>
    </message>
    <message>
        <source>Images (*.dcm *.nii *.nii.gz *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>Bilder (*.dcm *.nii *.nii.gz *.png *.jpg *.jpeg *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 — %2 (%3) — MedQ-Engine Workstation</source>
        <translation>%1 — %2 (%3) — MedQ-Engine Workstation</translation>
    </message>
    <message>
        <source>Select an item in a queue to start.</source>
        <translation>Wählen Sie zum Beginnen ein Element in einer Warteschlange.</translation>
    </message>
    <message>
        <source>Cannot show the image: %1</source>
        <translation>Das Bild kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Cannot show the second image: %1</source>
        <translation>Das zweite Bild kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Saved annotation.</source>
        <translation>Annotation gespeichert.</translation>
    </message>
    <message>
        <source>This queue is done. Pick another queue on the left.</source>
        <translation>Diese Warteschlange ist erledigt. Wählen Sie links eine andere.</translation>
    </message>
    <message>
        <source>No other pending item in this queue.</source>
        <translation>Kein weiteres offenes Element in dieser Warteschlange.</translation>
    </message>
    <message>
        <source>Task %1 has no image in this workspace.</source>
        <translation>Aufgabe %1 hat in diesem Arbeitsbereich kein Bild.</translation>
    </message>
    <message>
        <source>Viewing task %1 (%2) from the lab views; pick a queue item to annotate.</source>
        <translation>Aufgabe %1 (%2) aus den Laboransichten wird angezeigt; wählen Sie zum Annotieren ein Element einer Warteschlange.</translation>
    </message>
    <message>
        <source>Task %1: %2</source>
        <translation>Aufgabe %1: %2</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>&amp;Ordner importieren…</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>&amp;Bilder</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>Einen Ordner importieren</translation>
    </message>
    <message>
        <source>Image %1 is no longer in this workspace.</source>
        <translation>Bild %1 ist nicht mehr in diesem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>series %1</source>
        <translation>Serie %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>No model in this workspace yet, so no draft (train one with medq model train). Queue the image to annotate it.</source>
        <translation>Noch kein Modell in diesem Arbeitsbereich, daher kein Entwurf (trainieren Sie eines mit medq model train). Reihen Sie das Bild ein, um es zu annotieren.</translation>
    </message>
    <message>
        <source>The modality of this image is not known, so the model cannot assess it.</source>
        <translation>Die Modalität dieses Bildes ist unbekannt, daher kann das Modell es nicht beurteilen.</translation>
    </message>
    <message>
        <source>The model is assessing this image…</source>
        <translation>Das Modell beurteilt dieses Bild…</translation>
    </message>
    <message>
        <source>The model could not draft this item: %1</source>
        <translation>Das Modell konnte für dieses Element keinen Entwurf erstellen: %1</translation>
    </message>
    <message>
        <source>The model&apos;s draft is ready; open the item again to see it.</source>
        <translation>Der Entwurf des Modells ist fertig; öffnen Sie das Element erneut, um ihn zu sehen.</translation>
    </message>
    <message>
        <source>The model could not assess this image: %1</source>
        <translation>Das Modell konnte dieses Bild nicht beurteilen: %1</translation>
    </message>
    <message>
        <source>The model&apos;s assessment could not be read.</source>
        <translation>Die Beurteilung des Modells konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Viewing outside the queues: Queue for annotation (Ctrl+Shift+Q) to annotate it.</source>
        <translation>Ansicht außerhalb der Warteschlangen: zum Annotieren einreihen (Strg+Umschalt+Q).</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) queued for annotation in the expert queue</source>
        <translation>
            <numerusform>%n Bild zur Annotation in die Expertenwarteschlange eingereiht</numerusform>
            <numerusform>%n Bilder zur Annotation in die Expertenwarteschlange eingereiht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already waited in a queue</source>
        <translation>
            <numerusform>; %n wartete bereits in einer Warteschlange</numerusform>
            <numerusform>; %n warteten bereits in einer Warteschlange</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n pool file(s) left out: import them first (File ▸ Import), the pool only references them</source>
        <translation>
            <numerusform>; %n Pool-Datei ausgelassen: zuerst importieren (Datei ▸ Importieren), der Pool verweist nur auf sie</numerusform>
            <numerusform>; %n Pool-Dateien ausgelassen: zuerst importieren (Datei ▸ Importieren), der Pool verweist nur auf sie</numerusform>
        </translation>
    </message>
    <message>
        <source>the model is drafting it now…</source>
        <translation>das Modell erstellt gerade den Entwurf…</translation>
    </message>
    <message>
        <source>the model could not draft it (the status bar said why); write the annotation yourself</source>
        <translation>das Modell konnte keinen Entwurf erstellen (die Statusleiste nannte den Grund); schreiben Sie die Annotation selbst</translation>
    </message>
    <message>
        <source>no model in this workspace yet (review-only mode: write the annotation yourself)</source>
        <translation>noch kein Modell in diesem Arbeitsbereich (nur Begutachtung: schreiben Sie die Annotation selbst)</translation>
    </message>
</context>
<context>
    <name>medq::gui::ModelsView</name>
    <message>
        <source>&amp;Make Current</source>
        <translation>Als aktuell &amp;festlegen</translation>
    </message>
    <message>
        <source>&amp;Add TorchScript Model…</source>
        <translation>TorchScript-Modell &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>The current checkpoint evaluates, drafts, routes and assesses. A site&apos;s own model exported as TorchScript joins the list with Add TorchScript Model (docs/own-model.md).</source>
        <translation>Der aktuelle Checkpoint bewertet, entwirft, leitet weiter und beurteilt. Ein eigenes, als TorchScript exportiertes Modell des Standorts kommt mit „TorchScript-Modell hinzufügen“ in die Liste (docs/own-model.md).</translation>
    </message>
</context>
<context>
    <name>medq::gui::PacsMenu</name>
    <message>
        <source>&amp;DICOM</source>
        <translation>&amp;DICOM</translation>
    </message>
    <message>
        <source>Start &amp;Receiver…</source>
        <translation>&amp;Empfänger starten…</translation>
    </message>
    <message>
        <source>S&amp;top Receiver</source>
        <translation>Empfänger s&amp;toppen</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öffnen Sie zuerst einen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>DICOM %1:%2 starting…</source>
        <translation>DICOM %1:%2 startet…</translation>
    </message>
    <message>
        <source>DICOM %1:%2 receiving: %3 stored</source>
        <translation>DICOM %1:%2 empfängt: %3 gespeichert</translation>
    </message>
    <message>
        <source>, %1 refused</source>
        <translation>, %1 abgelehnt</translation>
    </message>
    <message>
        <source>, %1 taken in</source>
        <translation>, %1 übernommen</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>, %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>DICOM receiver stopped</source>
        <translation>DICOM-Empfänger gestoppt</translation>
    </message>
    <message>
        <source>DICOM receiver stopped: %1</source>
        <translation>DICOM-Empfänger gestoppt: %1</translation>
    </message>
    <message>
        <source>The DICOM receiver stopped: %1</source>
        <translation>Der DICOM-Empfänger wurde gestoppt: %1</translation>
    </message>
    <message>
        <source>&amp;Query PACS…</source>
        <translation>PACS &amp;abfragen…</translation>
    </message>
</context>
<context>
    <name>medq::gui::PacsNodeEditor</name>
    <message>
        <source>Edit PACS Node</source>
        <translation>PACS-Knoten bearbeiten</translation>
    </message>
    <message>
        <source>Add PACS Node</source>
        <translation>PACS-Knoten hinzufügen</translation>
    </message>
    <message>
        <source>C-GET (the PACS sends on our connection)</source>
        <translation>C-GET (das PACS sendet über unsere Verbindung)</translation>
    </message>
    <message>
        <source>C-MOVE (the PACS connects to our receiver)</source>
        <translation>C-MOVE (das PACS verbindet sich mit unserem Empfänger)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>PACS AE title:</source>
        <translation>AE-Titel des PACS:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Retrieve by:</source>
        <translation>Abrufen per:</translation>
    </message>
    <message>
        <source>Move to our AE title:</source>
        <translation>Verschieben an unseren AE-Titel:</translation>
    </message>
    <message>
        <source>Our receiving port:</source>
        <translation>Unser Empfangsport:</translation>
    </message>
    <message>
        <source>For C-MOVE the PACS must know our AE title with this computer&apos;s address and port.</source>
        <translation>Für C-MOVE muss das PACS unseren AE-Titel mit der Adresse und dem Port dieses Computers kennen.</translation>
    </message>
</context>
<context>
    <name>medq::gui::PacsQueryDialog</name>
    <message>
        <source>Query PACS</source>
        <translation>PACS abfragen</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>YYYYMMDD-YYYYMMDD (empty: any)</source>
        <translation>JJJJMMTT-JJJJMMTT (leer: alle)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalitäten</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Study UID</source>
        <translation>Studien-UID</translation>
    </message>
    <message>
        <source>Our AE title:</source>
        <translation>Eigener AE-Titel:</translation>
    </message>
    <message>
        <source>Modality:</source>
        <translation>Modalität:</translation>
    </message>
    <message>
        <source>Study date:</source>
        <translation>Studiendatum:</translation>
    </message>
    <message>
        <source>Retrieved images:</source>
        <translation>Abgerufene Bilder:</translation>
    </message>
    <message>
        <source>&amp;Retrieve</source>
        <translation>&amp;Abrufen</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>Frage %1 an…</translation>
    </message>
    <message>
        <source>Studies on %1: %2. Select the ones to retrieve.</source>
        <translation>Studien auf %1: %2. Wählen Sie die abzurufenden aus.</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>PACS node:</source>
        <translation>PACS-Knoten:</translation>
    </message>
    <message>
        <source>Add the PACS to ask: its AE title, host and port.</source>
        <translation>Fügen Sie das abzufragende PACS hinzu: AE-Titel, Host und Port.</translation>
    </message>
    <message>
        <source>Choose a PACS node, or add one.</source>
        <translation>Wählen Sie einen PACS-Knoten oder fügen Sie einen hinzu.</translation>
    </message>
    <message>
        <source>PACS node %1: %2</source>
        <translation>PACS-Knoten %1: %2</translation>
    </message>
</context>
<context>
    <name>medq::gui::PoolAddDialog</name>
    <message>
        <source>Include sub-folders</source>
        <translation>Unterordner einbeziehen</translation>
    </message>
    <message>
        <source>Add Folder to the Pool</source>
        <translation>Ordner zum Pool hinzufügen</translation>
    </message>
    <message>
        <source>The images stay where they are: the pool keeps their paths, sizes and times. Adding the same folder again registers only new and changed files and marks missing ones; files that cannot be used are listed under Pool ▸ Pool Status.</source>
        <translation>Die Bilder bleiben, wo sie sind: Der Pool speichert ihre Pfade, Größen und Zeitstempel. Wird derselbe Ordner erneut hinzugefügt, werden nur neue und geänderte Dateien registriert und fehlende markiert; nicht verwendbare Dateien stehen unter Pool ▸ Pool-Status.</translation>
    </message>
    <message>
        <source>Folder of DICOM, NIfTI, PNG, JPEG or TIFF images</source>
        <translation>Ordner mit DICOM-, NIfTI-, PNG-, JPEG- oder TIFF-Bildern</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Folder to add to the pool</source>
        <translation>Ordner für den Pool</translation>
    </message>
    <message>
        <source>Detect from the files and their paths</source>
        <translation>Aus den Dateien und ihren Pfaden erkennen</translation>
    </message>
    <message>
        <source>DICOM files name their modality; other files are recognised by words in their path (&quot;fundus&quot;, &quot;ct&quot;, &quot;ihc&quot;...). Choose one to register every file as that modality.</source>
        <translation>DICOM-Dateien nennen ihre Modalität; andere Dateien werden an Wörtern im Pfad erkannt („fundus“, „ct“, „ihc“…). Wählen Sie eine Modalität, um jede Datei mit ihr zu registrieren.</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>&amp;Modality:</source>
        <translation>&amp;Modalität:</translation>
    </message>
    <message>
        <source>Add to Pool</source>
        <translation>Zum Pool hinzufügen</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>%1: no such folder.</source>
        <translation>%1: Ordner nicht gefunden.</translation>
    </message>
    <message>
        <source>%1 is a file; choose the folder that holds it.</source>
        <translation>%1 ist eine Datei; wählen Sie den Ordner, der sie enthält.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n file(s) of this folder could not be registered because neither the file nor its path names a modality.&lt;/b&gt; Choose the modality of these images to register them; files already registered keep theirs.</source>
        <translation>
            <numerusform>&lt;b&gt;%n Datei dieses Ordners konnte nicht registriert werden, weil weder die Datei noch ihr Pfad eine Modalität nennt.&lt;/b&gt; Wählen Sie die Modalität dieser Bilder, um sie zu registrieren; bereits registrierte Dateien behalten ihre.</numerusform>
            <numerusform>&lt;b&gt;%n Dateien dieses Ordners konnten nicht registriert werden, weil weder die Datei noch ihr Pfad eine Modalität nennt.&lt;/b&gt; Wählen Sie die Modalität dieser Bilder, um sie zu registrieren; bereits registrierte Dateien behalten ihre.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the modality of the images that name none.</source>
        <translation>Wählen Sie die Modalität der Bilder, die keine angeben.</translation>
    </message>
</context>
<context>
    <name>medq::gui::PoolMenu</name>
    <message>
        <source>&amp;Pool</source>
        <translation>&amp;Pool</translation>
    </message>
    <message>
        <source>Add &amp;Folder…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Pool &amp;Status</source>
        <translation>Pool-&amp;Status</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>Öffnen Sie zuerst einen Arbeitsbereich.</translation>
    </message>
</context>
<context>
    <name>medq::gui::PoolStatusDialog</name>
    <message>
        <source>Pool Status</source>
        <translation>Pool-Status</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <source>Synthetic recipes</source>
        <translation>Synthetische Rezepte</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Vanished</source>
        <translation>Verschwunden</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Why it is not used</source>
        <translation>Warum sie nicht verwendet wird</translation>
    </message>
    <message>
        <source>Last scan: %1 (%2), %3 files seen in %4.</source>
        <translation>Letzter Scan: %1 (%2), %3 Dateien gesehen in %4.</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>No folder has been added yet (Pool ▸ Add Folder).</source>
        <translation>Noch kein Ordner hinzugefügt (Pool ▸ Ordner hinzufügen).</translation>
    </message>
    <message>
        <source>%1 files are not usable; the first %2 are listed.</source>
        <translation>%1 Dateien sind nicht verwendbar; die ersten %2 sind aufgeführt.</translation>
    </message>
    <message>
        <source>1 file is not usable.</source>
        <translation>1 Datei ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>%1 files are not usable.</source>
        <translation>%1 Dateien sind nicht verwendbar.</translation>
    </message>
</context>
<context>
    <name>medq::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The language changes the next time you start the workstation. Start with --lang to override it once.</source>
        <translation>Die Sprache ändert sich beim nächsten Start der Workstation. Mit --lang lässt sie sich für einen Start überschreiben.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeCard</name>
    <message numerus="yes">
        <source>&lt;b&gt;Prototype %1&lt;/b&gt; · %2 · %n member(s)</source>
        <translation>
            <numerusform>&lt;b&gt;Prototyp %1&lt;/b&gt; · %2 · %n Mitglied</numerusform>
            <numerusform>&lt;b&gt;Prototyp %1&lt;/b&gt; · %2 · %n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Medoid: task %1</source>
        <translation>Medoid: Aufgabe %1</translation>
    </message>
    <message>
        <source>No medoid</source>
        <translation>Kein Medoid</translation>
    </message>
    <message>
        <source>Members nearest the medoid first; double-click one to open it in the viewer</source>
        <translation>Mitglieder nach Nähe zum Medoid; Doppelklick öffnet eines im Betrachter</translation>
    </message>
    <message>
        <source>Previous page of members</source>
        <translation>Vorherige Seite der Mitglieder</translation>
    </message>
    <message>
        <source>Next page of members</source>
        <translation>Nächste Seite der Mitglieder</translation>
    </message>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>Missed: %1
Failure rate: %2%
Retrieved: %3 pool items
Status: %4 (%5)</source>
        <translation>Verfehlt: %1
Fehlerrate: %2%
Abgerufen: %3 Pool-Elemente
Status: %4 (%5)</translation>
    </message>
    <message>
        <source>no perception attribute (descriptions failed)</source>
        <translation>kein Wahrnehmungsmerkmal (Beschreibungen fehlgeschlagen)</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeComparison</name>
    <message>
        <source>first round</source>
        <translation>erste Runde</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>growing</source>
        <translation>wachsend</translation>
    </message>
    <message>
        <source>shrinking</source>
        <translation>schrumpfend</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>behoben</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeGallery</name>
    <message>
        <source>Compare with the previous round</source>
        <translation>Mit der vorherigen Runde vergleichen</translation>
    </message>
    <message>
        <source>Match prototypes by dominant modality and attribute with the round before</source>
        <translation>Prototypen nach vorherrschender Modalität und Merkmal der vorherigen Runde zuordnen</translation>
    </message>
    <message>
        <source>The round whose failure prototypes are shown</source>
        <translation>Die Runde, deren Fehlerprototypen angezeigt werden</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>Runde:</translation>
    </message>
    <message>
        <source>Round %1 (%2, %3)</source>
        <translation>Runde %1 (%2, %3)</translation>
    </message>
    <message>
        <source>No loop round yet. Start one from Lab ▸ Start Round.</source>
        <translation>Noch keine Schleifenrunde. Starten Sie eine über Labor ▸ Runde starten.</translation>
    </message>
    <message>
        <source>Open a workspace to see its failure prototypes.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine Fehlerprototypen zu sehen.</translation>
    </message>
    <message>
        <source>Round %1: %2 prototype(s), %3 kept, %4 dropped; %5 of %6 evaluated items failed.</source>
        <translation>Runde %1: %2 Prototyp(en), %3 behalten, %4 verworfen; %5 von %6 bewerteten Elementen fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Against round %1: %2.</source>
        <translation>Gegenüber Runde %1: %2.</translation>
    </message>
    <message>
        <source>nothing to compare</source>
        <translation>nichts zu vergleichen</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeMemberModel</name>
    <message>
        <source>d %1</source>
        <translation>d %1</translation>
    </message>
    <message>
        <source>Task %1, distance %2 from the medoid; double-click to open it in the viewer</source>
        <translation>Aufgabe %1, Abstand %2 zum Medoid; Doppelklick öffnet sie im Betrachter</translation>
    </message>
</context>
<context>
    <name>medq::gui::QueueListModel</name>
    <message>
        <source> · uncertainty %1</source>
        <translation> · Unsicherheit %1</translation>
    </message>
    <message>
        <source> · gold</source>
        <translation> · Goldstandard</translation>
    </message>
    <message>
        <source>%1
%2x%3x%4 %5
Why here: %6</source>
        <translation>%1
%2x%3x%4 %5
Warum hier: %6</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>(nicht erfasst)</translation>
    </message>
</context>
<context>
    <name>medq::gui::QueuePanel</name>
    <message>
        <source>Model was lost: write the full description</source>
        <translation>Modell war ratlos: Schreiben Sie die vollständige Beschreibung</translation>
    </message>
    <message>
        <source>Model was unsure: confirm or edit its draft</source>
        <translation>Modell war unsicher: Bestätigen oder bearbeiten Sie seinen Entwurf</translation>
    </message>
    <message>
        <source>Auto-accepted drafts drawn for a spot check</source>
        <translation>Automatisch übernommene Entwürfe, für eine Stichprobe gezogen</translation>
    </message>
    <message>
        <source>This queue is empty. Items arrive here when a loop round routes model drafts.</source>
        <translation>Diese Warteschlange ist leer. Elemente kommen hierher, wenn eine Schleifenrunde Modellentwürfe verteilt.</translation>
    </message>
    <message>
        <source>No workspace is open. Use File ▸ Open Workspace… or File ▸ Open Demo Workspace.</source>
        <translation>Kein Arbeitsbereich geöffnet. Verwenden Sie Datei ▸ Arbeitsbereich öffnen… oder Datei ▸ Demo-Arbeitsbereich öffnen.</translation>
    </message>
</context>
<context>
    <name>medq::gui::ReceiverDialog</name>
    <message>
        <source>Start DICOM Receiver</source>
        <translation>DICOM-Empfänger starten</translation>
    </message>
    <message>
        <source>AE title:</source>
        <translation>AE-Titel:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Received images:</source>
        <translation>Empfangene Bilder:</translation>
    </message>
    <message>
        <source>Modalities and PACS send to this computer&apos;s address with this AE title and port. Reports and other instances without pixels are refused.</source>
        <translation>Modalitäten und PACS senden an die Adresse dieses Computers mit diesem AE-Titel und Port. Berichte und andere Instanzen ohne Pixeldaten werden abgelehnt.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoundCharts</name>
    <message>
        <source>Test perception accuracy</source>
        <translation>Wahrnehmungsgenauigkeit (Test)</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Description rubric</source>
        <translation>Bewertungsschema Beschreibung</translation>
    </message>
    <message>
        <source>mean rubric total (of 8)</source>
        <translation>mittlere Gesamtpunktzahl (von 8)</translation>
    </message>
    <message>
        <source>Items routed per queue</source>
        <translation>Verteilte Elemente je Warteschlange</translation>
    </message>
    <message>
        <source>items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>auto-accept</source>
        <translation>automatisch übernommen</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>prüfen</translation>
    </message>
    <message>
        <source>expert</source>
        <translation>Experte</translation>
    </message>
    <message>
        <source>Human-seconds by queue</source>
        <translation>Personensekunden je Warteschlange</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>spot checks</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>Goldstandard</translation>
    </message>
    <message>
        <source>double annotation</source>
        <translation>Doppelannotation</translation>
    </message>
    <message>
        <source>Checkpoints: validation score before and after fine-tuning</source>
        <translation>Checkpoints: Validierungswert vor und nach dem Feintuning</translation>
    </message>
    <message>
        <source>before (base)</source>
        <translation>vorher (Basis)</translation>
    </message>
    <message>
        <source>after: accepted (red: rolled back)</source>
        <translation>nachher: übernommen (rot: zurückgesetzt)</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgesetzt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>validation score</source>
        <translation>Validierungswert</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoundsDashboard</name>
    <message>
        <source>Export Charts (PNG)…</source>
        <translation>Diagramme exportieren (PNG)…</translation>
    </message>
    <message>
        <source>Export Table (CSV)…</source>
        <translation>Tabelle exportieren (CSV)…</translation>
    </message>
    <message>
        <source>Save every chart as a PNG file in a folder</source>
        <translation>Jedes Diagramm als PNG-Datei in einem Ordner speichern</translation>
    </message>
    <message>
        <source>Save the rounds table as CSV</source>
        <translation>Rundentabelle als CSV speichern</translation>
    </message>
    <message>
        <source>Simulated expert on this workspace&apos;s test split: accuracy %1, rubric %2 of 8.</source>
        <translation>Simulierter Experte auf dem Testdatensatz dieses Arbeitsbereichs: Genauigkeit %1, Bewertungsschema %2 von 8.</translation>
    </message>
    <message>
        <source>Simulated expert: default figures (accuracy %1, rubric %2 of 8) until it is scored on this workspace.</source>
        <translation>Simulierter Experte: Standardwerte (Genauigkeit %1, Bewertungsschema %2 von 8), bis er auf diesem Arbeitsbereich bewertet ist.</translation>
    </message>
    <message numerus="yes">
        <source>%n round(s).</source>
        <translation>
            <numerusform>%n Runde.</numerusform>
            <numerusform>%n Runden.</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write the PNG file</source>
        <translation>PNG-Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Export charts to</source>
        <translation>Diagramme exportieren nach</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export rounds table</source>
        <translation>Rundentabelle exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoundsTableModel</name>
    <message>
        <source>Round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>Rubric (of 8)</source>
        <translation>Bewertungsschema (von 8)</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Accuracy %1</source>
        <translation>Genauigkeit %1</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Auto-accepted</source>
        <translation>Automatisch übernommen</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Experte</translation>
    </message>
    <message>
        <source>Human-seconds</source>
        <translation>Personensekunden</translation>
    </message>
    <message>
        <source>Accepted labels</source>
        <translation>Übernommene Labels</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>Validation before</source>
        <translation>Validierung vorher</translation>
    </message>
    <message>
        <source>Validation after</source>
        <translation>Validierung nachher</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Real reference score</source>
        <translation>Score realer Referenz</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoutingCalibrationView</name>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>&amp;Save Thresholds</source>
        <translation>Schwellen &amp;speichern</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Drafts at or below this uncertainty are auto-accepted (a share spot-checked); far left: off</source>
        <translation>Entwürfe mit dieser oder geringerer Unsicherheit werden automatisch übernommen (ein Anteil per Stichprobe geprüft); ganz links: aus</translation>
    </message>
    <message>
        <source>Drafts at or above this uncertainty go to the expert; far right: off</source>
        <translation>Entwürfe mit dieser oder höherer Unsicherheit gehen an den Experten; ganz rechts: aus</translation>
    </message>
    <message>
        <source>Whose routed items the queue sizes are counted on</source>
        <translation>Auf wessen verteilten Elementen die Warteschlangengrößen gezählt werden</translation>
    </message>
    <message>
        <source>Items of:</source>
        <translation>Elemente von:</translation>
    </message>
    <message>
        <source>&amp;Auto-accept at or below:</source>
        <translation>&amp;Automatisch übernehmen bis einschließlich:</translation>
    </message>
    <message>
        <source>&amp;Expert at or above:</source>
        <translation>&amp;Experte ab einschließlich:</translation>
    </message>
    <message>
        <source>Queue sizes:</source>
        <translation>Warteschlangengrößen:</translation>
    </message>
    <message>
        <source>Auto-accepted on validation:</source>
        <translation>Automatisch übernommen bei Validierung:</translation>
    </message>
    <message>
        <source>Thresholds not saved</source>
        <translation>Schwellen nicht gespeichert</translation>
    </message>
    <message>
        <source>Only a lead may change the routing thresholds.</source>
        <translation>Nur die Laborleitung darf die Routing-Schwellen ändern.</translation>
    </message>
    <message>
        <source>Store these thresholds for the next round (recorded in the audit log)</source>
        <translation>Diese Schwellen für die nächste Runde speichern (wird im Audit-Protokoll vermerkt)</translation>
    </message>
    <message>
        <source>Open a workspace to calibrate routing.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um das Routing zu kalibrieren.</translation>
    </message>
    <message>
        <source>No routing calibration yet: the first round calibrates on validation drafts.</source>
        <translation>Noch keine Routing-Kalibrierung: Die erste Runde kalibriert anhand der Validierungsentwürfe.</translation>
    </message>
    <message numerus="yes">
        <source>Calibrated on %n validation item(s) for checkpoint %1 with a target error of %2. Saved thresholds are used by the next round while that checkpoint is current.</source>
        <translation>
            <numerusform>Kalibriert an %n Validierungselement für Checkpoint %1 mit einem Zielfehler von %2. Gespeicherte Schwellen gelten für die nächste Runde, solange dieser Checkpoint aktuell ist.</numerusform>
            <numerusform>Kalibriert an %n Validierungselementen für Checkpoint %1 mit einem Zielfehler von %2. Gespeicherte Schwellen gelten für die nächste Runde, solange dieser Checkpoint aktuell ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Round %1</source>
        <translation>Runde %1</translation>
    </message>
    <message>
        <source>auto-accept %1 · verify %2 · expert %3 (of %4 routed items)</source>
        <translation>automatisch übernommen %1 · prüfen %2 · Experte %3 (von %4 verteilten Elementen)</translation>
    </message>
    <message>
        <source>no calibration curve stored</source>
        <translation>keine Kalibrierkurve gespeichert</translation>
    </message>
    <message>
        <source>none auto-accepted</source>
        <translation>keine automatisch übernommen</translation>
    </message>
    <message>
        <source>%1% of validation drafts, expected error %2% (target %3%)</source>
        <translation>%1% der Validierungsentwürfe, erwarteter Fehler %2% (Ziel %3%)</translation>
    </message>
    <message>
        <source>Validation drafts auto-accepted at each threshold</source>
        <translation>Automatisch übernommene Validierungsentwürfe je Schwelle</translation>
    </message>
    <message>
        <source>uncertainty threshold</source>
        <translation>Unsicherheitsschwelle</translation>
    </message>
    <message>
        <source>share / error rate</source>
        <translation>Anteil / Fehlerrate</translation>
    </message>
    <message>
        <source>error of auto-accepted</source>
        <translation>Fehler der automatisch übernommenen</translation>
    </message>
    <message>
        <source>share auto-accepted</source>
        <translation>Anteil automatisch übernommen</translation>
    </message>
    <message>
        <source>auto-accept threshold</source>
        <translation>Schwelle automatische Übernahme</translation>
    </message>
    <message>
        <source>expert threshold</source>
        <translation>Expertenschwelle</translation>
    </message>
    <message>
        <source>no workspace is open</source>
        <translation>kein Arbeitsbereich geöffnet</translation>
    </message>
    <message>
        <source>Expected answer accuracy lost against sending every item to the expert: %1 points (limit %2; a reviewer assumed to keep %3% of a draft&apos;s wrong answers).</source>
        <translation>Erwarteter Verlust an Antwortgenauigkeit gegenüber dem Senden aller Elemente an den Experten: %1 Punkte (Grenze %2; angenommen wird ein Prüfer, der %3% der falschen Antworten eines Entwurfs beibehält).</translation>
    </message>
    <message>
        <source>Expected answer accuracy lost against sending every item to the expert: %1 points, at most %2 with 95% confidence (limit %3; a reviewer assumed to keep %4% of a draft&apos;s wrong answers and of its description&apos;s wrong findings).</source>
        <translation>Erwarteter Verlust an Antwortgenauigkeit gegenüber dem Senden aller Elemente an den Experten: %1 Punkte, mit 95% Sicherheit höchstens %2 (Grenze %3; angenommen wird ein Prüfer, der %4% der falschen Antworten eines Entwurfs und der falschen Befunde seiner Beschreibung beibehält).</translation>
    </message>
</context>
<context>
    <name>medq::gui::Shortcuts</name>
    <message>
        <source>Submit and go to the next item</source>
        <translation>Absenden und zum nächsten Element</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>Annotation</translation>
    </message>
    <message>
        <source>Submit and go to the next item (keypad)</source>
        <translation>Absenden und zum nächsten Element (Ziffernblock)</translation>
    </message>
    <message>
        <source>Accept the model draft as it is</source>
        <translation>Modellentwurf unverändert übernehmen</translation>
    </message>
    <message>
        <source>Undo the last change in this item</source>
        <translation>Letzte Änderung an diesem Element rückgängig machen</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Overall quality: good</source>
        <translation>Gesamtqualität: gut</translation>
    </message>
    <message>
        <source>Overall quality: usable</source>
        <translation>Gesamtqualität: nutzbar</translation>
    </message>
    <message>
        <source>Overall quality: reject</source>
        <translation>Gesamtqualität: verwerfen</translation>
    </message>
    <message>
        <source>Flag: unreadable</source>
        <translation>Markierung: nicht auswertbar</translation>
    </message>
    <message>
        <source>Flag: wrong modality</source>
        <translation>Markierung: falsche Modalität</translation>
    </message>
    <message>
        <source>Flag: patient identity visible</source>
        <translation>Markierung: Patientenidentität sichtbar</translation>
    </message>
    <message>
        <source>Edit the description (Esc leaves the editor)</source>
        <translation>Beschreibung bearbeiten (Esc verlässt den Editor)</translation>
    </message>
    <message>
        <source>Next pending item (keeps your draft)</source>
        <translation>Nächstes offenes Element (Ihr Entwurf bleibt erhalten)</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Previous pending item</source>
        <translation>Vorheriges offenes Element</translation>
    </message>
    <message>
        <source>Skip this item for now</source>
        <translation>Dieses Element vorerst überspringen</translation>
    </message>
    <message>
        <source>Show the expert queue</source>
        <translation>Experten-Warteschlange anzeigen</translation>
    </message>
    <message>
        <source>Show the verify queue</source>
        <translation>Prüf-Warteschlange anzeigen</translation>
    </message>
    <message>
        <source>Show the spot-check queue</source>
        <translation>Stichproben-Warteschlange anzeigen</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>Diese Liste anzeigen</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>Bilder importieren</translation>
    </message>
    <message>
        <source>Quit (your work is already saved)</source>
        <translation>Beenden (Ihre Arbeit ist bereits gespeichert)</translation>
    </message>
    <message>
        <source>Preferences (language)</source>
        <translation>Einstellungen (Sprache)</translation>
    </message>
    <message>
        <source>Question: answer option %1; description: cycle attribute %2 severity</source>
        <translation>Frage: Antwortoption %1; Beschreibung: Schweregrad von Merkmal %2 weiterschalten</translation>
    </message>
    <message>
        <source>Description: cycle attribute %1 absent → mild → moderate → severe</source>
        <translation>Beschreibung: Merkmal %1 weiterschalten: nicht vorhanden → leicht → mäßig → schwer</translation>
    </message>
    <message>
        <source>Viewer: Up/Down, PageUp/PageDown, wheel change slice</source>
        <translation>Betrachter: Auf/Ab, Bild auf/Bild ab und Mausrad wechseln die Schicht</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Viewer: reset zoom, pan and window</source>
        <translation>Betrachter: Zoom, Verschiebung und Fensterung zurücksetzen</translation>
    </message>
    <message>
        <source>Viewer: invert grey levels</source>
        <translation>Betrachter: Graustufen invertieren</translation>
    </message>
    <message>
        <source>Viewer: left-drag window/level, middle-drag pan, right-drag zoom</source>
        <translation>Betrachter: Linksziehen Fensterung, Mittelziehen Verschieben, Rechtsziehen Zoom</translation>
    </message>
    <message>
        <source>Show the failure prototype gallery</source>
        <translation>Galerie der Fehlerprototypen anzeigen</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <source>Show the rounds dashboard</source>
        <translation>Runden-Übersicht anzeigen</translation>
    </message>
    <message>
        <source>Show the engine jobs and logs</source>
        <translation>Aufträge und Protokolle der Engine anzeigen</translation>
    </message>
    <message>
        <source>Show the routing calibration</source>
        <translation>Routing-Kalibrierung anzeigen</translation>
    </message>
    <message>
        <source>Start a loop round (leads only)</source>
        <translation>Schleifenrunde starten (nur Laborleitung)</translation>
    </message>
    <message>
        <source>Refresh the lab views</source>
        <translation>Laboransichten aktualisieren</translation>
    </message>
    <message>
        <source>Add a folder of images to the pool</source>
        <translation>Einen Bildordner zum Pool hinzufügen</translation>
    </message>
    <message>
        <source>Pool status: items per modality, files not usable</source>
        <translation>Pool-Status: Elemente je Modalität, nicht verwendbare Dateien</translation>
    </message>
    <message>
        <source>Import a folder (DICOM series, sub-folders included)</source>
        <translation>Einen Ordner importieren (DICOM-Serien, mit Unterordnern)</translation>
    </message>
    <message>
        <source>Show the image browser and search it</source>
        <translation>Den Bildbrowser zeigen und darin suchen</translation>
    </message>
    <message>
        <source>Image browser: queue the selected images for annotation</source>
        <translation>Bildbrowser: die ausgewählten Bilder zur Annotation einreihen</translation>
    </message>
    <message>
        <source>Show the checkpoints (built-in and TorchScript)</source>
        <translation>Checkpoints anzeigen (eingebaut und TorchScript)</translation>
    </message>
    <message>
        <source>Show a sample-efficiency comparison of strategies</source>
        <translation>Einen Vergleich der Stichprobeneffizienz der Strategien zeigen</translation>
    </message>
</context>
<context>
    <name>medq::gui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
</context>
<context>
    <name>medq::gui::SliceViewer</name>
    <message>
        <source>soft tissue</source>
        <translation>Weichteil</translation>
    </message>
    <message>
        <source>lung</source>
        <translation>Lunge</translation>
    </message>
    <message>
        <source>bone</source>
        <translation>Knochen</translation>
    </message>
    <message>
        <source>brain</source>
        <translation>Gehirn</translation>
    </message>
    <message>
        <source>liver</source>
        <translation>Leber</translation>
    </message>
    <message>
        <source>abdomen</source>
        <translation>Abdomen</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>MRI</source>
        <translation>MRT</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>Endoscopy</source>
        <translation>Endoskopie</translation>
    </message>
    <message>
        <source>Histopathology</source>
        <translation>Histopathologie</translation>
    </message>
    <message>
        <source>Fundus photography</source>
        <translation>Fundusfotografie</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>x %1  y %2  z %3</source>
        <translation>x %1  y %2  z %3</translation>
    </message>
    <message>
        <source>x %1  y %2</source>
        <translation>x %1  y %2</translation>
    </message>
    <message>
        <source>R %1  G %2  B %3</source>
        <translation>R %1  G %2  B %3</translation>
    </message>
    <message>
        <source>%1 HU</source>
        <translation>%1 HE</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>%1 x %2 x %3</source>
        <translation>%1 × %2 × %3</translation>
    </message>
    <message>
        <source>%1 x %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>Axial</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>Koronar</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>Sagittal</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>True colour</source>
        <translation>Echtfarben</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>Breite %1  Zentrum %2</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Invertiert</translation>
    </message>
    <message>
        <source>Zoom %1x</source>
        <translation>Zoom %1×</translation>
    </message>
</context>
<context>
    <name>medq::gui::StartRoundDialog</name>
    <message>
        <source>Start a Loop Round</source>
        <translation>Schleifenrunde starten</translation>
    </message>
    <message>
        <source>The round evaluates the current model, finds failure prototypes, retrieves and routes pool items, has them annotated, and fine-tunes with rollback.</source>
        <translation>Die Runde bewertet das aktuelle Modell, findet Fehlerprototypen, ruft Pool-Elemente ab und verteilt sie, lässt sie annotieren und führt ein Feintuning mit Rücksetzung durch.</translation>
    </message>
    <message>
        <source>&amp;Strategy</source>
        <translation>&amp;Strategie</translation>
    </message>
    <message>
        <source>engine: failure prototypes retrieve similar pool items; random: uniform; uncertainty: most uncertain drafts; coreset: the items farthest from everything labelled (k-center greedy)</source>
        <translation>engine: Fehlerprototypen rufen ähnliche Pool-Elemente ab; random: gleichverteilt; uncertainty: die unsichersten Entwürfe; coreset: die Elemente, die am weitesten von allem Annotierten entfernt sind (k-Center-Greedy)</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>&amp;Strategie:</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Pool items annotated in this round (at least 1)</source>
        <translation>In dieser Runde annotierte Pool-Elemente (mindestens 1)</translation>
    </message>
    <message>
        <source>&amp;Budget (items):</source>
        <translation>&amp;Budget (Elemente):</translation>
    </message>
    <message>
        <source>Target error</source>
        <translation>Zielfehler</translation>
    </message>
    <message>
        <source>Largest error rate of auto-accepted drafts, calibrated on validation (0 to 1)</source>
        <translation>Höchste Fehlerrate automatisch übernommener Entwürfe, auf der Validierung kalibriert (0 bis 1)</translation>
    </message>
    <message>
        <source>&amp;Target error rate:</source>
        <translation>&amp;Zielfehlerrate:</translation>
    </message>
    <message>
        <source>Expert error</source>
        <translation>Expertenfehler</translation>
    </message>
    <message>
        <source>Drafts of no help (most answers wrong, or a description of at most 2 of 8) at least this often go to the expert (target error to 1)</source>
        <translation>Entwürfe, die mindestens so oft unbrauchbar sind (die meisten Antworten falsch oder eine Beschreibung mit höchstens 2 von 8), gehen an den Experten (Zielfehler bis 1)</translation>
    </message>
    <message>
        <source>E&amp;xpert threshold error rate:</source>
        <translation>Fehlerrate der E&amp;xpertenschwelle:</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <translation>Stichproben</translation>
    </message>
    <message>
        <source>Share of auto-accepted drafts a person still checks (0 to 1)</source>
        <translation>Anteil der automatisch übernommenen Entwürfe, die noch ein Mensch prüft (0 bis 1)</translation>
    </message>
    <message>
        <source>Spot-&amp;check rate:</source>
        <translation>Stichpr&amp;obenrate:</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Goldstandard</translation>
    </message>
    <message>
        <source>Gold items mixed into the queues (0 to 1)</source>
        <translation>In die Warteschlangen gemischte Goldstandard-Elemente (0 bis 1)</translation>
    </message>
    <message>
        <source>&amp;Gold rate:</source>
        <translation>&amp;Goldstandard-Rate:</translation>
    </message>
    <message>
        <source>Double</source>
        <translation>Doppelt</translation>
    </message>
    <message>
        <source>Items annotated twice for agreement (0 to 1)</source>
        <translation>Zur Übereinstimmungsprüfung doppelt annotierte Elemente (0 bis 1)</translation>
    </message>
    <message>
        <source>&amp;Double-annotation rate:</source>
        <translation>&amp;Doppelannotationsrate:</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>Annotator/in</translation>
    </message>
    <message>
        <source>simulated: the headless annotator; human: the round waits for the queues to be done</source>
        <translation>simulated: der simulierte Annotator ohne Oberfläche; human: die Runde wartet, bis die Warteschlangen erledigt sind</translation>
    </message>
    <message>
        <source>&amp;Annotator:</source>
        <translation>&amp;Annotator/in:</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Fine-tuning steps (0: no fine-tuning)</source>
        <translation>Feintuning-Schritte (0: kein Feintuning)</translation>
    </message>
    <message>
        <source>&amp;Fine-tune steps:</source>
        <translation>&amp;Feintuning-Schritte:</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Fine-tuning learning rate (0 to 1, exclusive of 0)</source>
        <translation>Lernrate des Feintunings (größer 0 bis 1)</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Lernrate:</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA-Rang</translation>
    </message>
    <message>
        <source>0: full fine-tuning; above 0: LoRA adapters of this rank</source>
        <translation>0: vollständiges Feintuning; über 0: LoRA-Adapter dieses Rangs</translation>
    </message>
    <message>
        <source>Lo&amp;RA rank:</source>
        <translation>Lo&amp;RA-Rang:</translation>
    </message>
    <message>
        <source>Validation items</source>
        <translation>Validierungselemente</translation>
    </message>
    <message>
        <source>Validation tasks for the accept/rollback decision (0: all)</source>
        <translation>Validierungsaufgaben für die Entscheidung Übernehmen/Zurücksetzen (0: alle)</translation>
    </message>
    <message>
        <source>&amp;Validation limit:</source>
        <translation>&amp;Validierungsgrenze:</translation>
    </message>
    <message>
        <source>Pool items</source>
        <translation>Pool-Elemente</translation>
    </message>
    <message>
        <source>Pool items to embed for retrieval (0: the whole pool)</source>
        <translation>Für den Abruf einzubettende Pool-Elemente (0: der ganze Pool)</translation>
    </message>
    <message>
        <source>&amp;Pool embed limit:</source>
        <translation>&amp;Pool-Einbettungsgrenze:</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Seed of every random choice in the round</source>
        <translation>Seed jeder Zufallsentscheidung der Runde</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;eed:</translation>
    </message>
    <message>
        <source>&amp;Queue Round</source>
        <translation>Runde einrei&amp;hen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number</source>
        <translation>„%1“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is too large</source>
        <translation>„%1“ ist zu groß</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>darf nicht negativ sein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Accuracy loss</source>
        <translation>Genauigkeitsverlust</translation>
    </message>
    <message>
        <source>Answer accuracy the routed labels may lose against sending every item to the expert; more items go to the expert until the validation drafts&apos; expected loss fits (0.01: one point; negative: no limit)</source>
        <translation>Antwortgenauigkeit, die die verteilten Labels gegenüber dem Senden aller Elemente an den Experten verlieren dürfen; es gehen so lange mehr Elemente an den Experten, bis der erwartete Verlust der Validierungsentwürfe passt (0.01: ein Punkt; negativ: keine Grenze)</translation>
    </message>
    <message>
        <source>Allowed accurac&amp;y loss:</source>
        <translation>Erlaubter Genauigkeitsverl&amp;ust:</translation>
    </message>
    <message>
        <source>Anchoring</source>
        <translation>Verankerung</translation>
    </message>
    <message>
        <source>Share of a draft&apos;s wrong answers and wrong findings a reviewer leaves as they are (automation bias; 0.45 after Dratsch et al., Radiology 2023)</source>
        <translation>Anteil der falschen Antworten und Befunde eines Entwurfs, die ein Prüfer unverändert lässt (Automation Bias; 0.45 nach Dratsch et al., Radiology 2023)</translation>
    </message>
    <message>
        <source>Reviewer a&amp;nchoring:</source>
        <translation>Vera&amp;nkerung des Prüfers:</translation>
    </message>
</context>
<context>
    <name>medq::gui::StrategyComparisonView</name>
    <message>
        <source>&amp;Open Comparison…</source>
        <translation>Vergleich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Held-out test images (never mined)</source>
        <translation>Zurückgehaltene Testbilder (nie ausgewertet)</translation>
    </message>
    <message>
        <source>Evaluation sample (mined by the engine)</source>
        <translation>Evaluierungsstichprobe (von der Engine ausgewertet)</translation>
    </message>
    <message>
        <source>Which test score the curves and ratios are on</source>
        <translation>Auf welchem Testwert die Kurven und Verhältnisse beruhen</translation>
    </message>
    <message>
        <source>Open the CSV that bench_sample_efficiency --csv wrote</source>
        <translation>Die CSV-Datei öffnen, die bench_sample_efficiency --csv geschrieben hat</translation>
    </message>
    <message>
        <source>No comparison open. Run bench_sample_efficiency with --csv, then open its file here.</source>
        <translation>Kein Vergleich geöffnet. Führen Sie bench_sample_efficiency mit --csv aus und öffnen Sie die Datei hier.</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>Arm</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Target 1: annotations</source>
        <translation>Ziel 1: Annotationen</translation>
    </message>
    <message>
        <source>Ratio [95%]</source>
        <translation>Verhältnis [95 %]</translation>
    </message>
    <message>
        <source>Target 2: annotations</source>
        <translation>Ziel 2: Annotationen</translation>
    </message>
    <message>
        <source>Human hours a run</source>
        <translation>Personenstunden je Lauf</translation>
    </message>
    <message>
        <source>Machine minutes a run</source>
        <translation>Maschinenminuten je Lauf</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>Wert:</translation>
    </message>
    <message>
        <source>Open Strategy Comparison</source>
        <translation>Strategievergleich öffnen</translation>
    </message>
    <message>
        <source>Comparison CSV (*.csv)</source>
        <translation>Vergleichs-CSV (*.csv)</translation>
    </message>
    <message>
        <source>Strategy Comparison</source>
        <translation>Strategievergleich</translation>
    </message>
    <message>
        <source>%1: no complete run has this score yet.</source>
        <translation>%1: Noch kein vollständiger Lauf hat diesen Wert.</translation>
    </message>
    <message>
        <source>%1: %2 rounds. Target 1 %3 (%4), target 2 %5 (%6), base %7. Ratios: annotations the reference needs over the arm&apos;s, 95% bootstrap interval over seeds.</source>
        <translation>%1: %2 Runden. Ziel 1 %3 (%4), Ziel 2 %5 (%6), Basis %7. Verhältnisse: Annotationen, die die Referenz braucht, geteilt durch die des Arms, 95-%-Bootstrap-Intervall über die Seeds.</translation>
    </message>
    <message>
        <source>annotations</source>
        <translation>Annotationen</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>Ziel %1</translation>
    </message>
</context>
<context>
    <name>medq::gui::ThumbnailStrip</name>
    <message>
        <source>Items of the current queue</source>
        <translation>Elemente der aktuellen Warteschlange</translation>
    </message>
</context>
<context>
    <name>medq::gui::TrainModelDialog</name>
    <message>
        <source>Read hand-made quality measures, standardised per source</source>
        <translation>Handgefertigte Qualitätsmaße lesen, je Quelle standardisiert</translation>
    </message>
    <message>
        <source>Make it the current model</source>
        <translation>Zum aktuellen Modell machen</translation>
    </message>
    <message>
        <source>Train the Model</source>
        <translation>Modell trainieren</translation>
    </message>
    <message>
        <source>Trains on the workspace&apos;s train split and keeps the weights that score best on its validation split. The default recipe takes about %1 minutes on 2 CPU cores; progress, time left and Cancel are in Lab &gt; Engine, and a cancelled run resumes when it is started again under the same name.</source>
        <translation>Trainiert auf dem Trainingsteil des Arbeitsbereichs und behält die Gewichte, die auf seinem Validierungsteil am besten abschneiden. Das Standardrezept dauert auf 2 CPU-Kernen etwa %1 Minuten; Fortschritt, Restzeit und Abbrechen finden Sie unter Labor &gt; Engine, und ein abgebrochener Lauf wird fortgesetzt, wenn er unter demselben Namen erneut gestartet wird.</translation>
    </message>
    <message>
        <source>From scratch (new tokenizer and network)</source>
        <translation>Von Grund auf (neuer Tokenizer und neues Netz)</translation>
    </message>
    <message>
        <source>Fine-tune the current model (%1)</source>
        <translation>Aktuelles Modell feinabstimmen (%1)</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>&amp;Ausgangspunkt:</translation>
    </message>
    <message>
        <source>default: trains on 2 CPU cores; base: larger, for a GPU; tiny: for tests</source>
        <translation>default: trainiert auf 2 CPU-Kernen; base: größer, für eine GPU; tiny: für Tests</translation>
    </message>
    <message>
        <source>&amp;Model size:</source>
        <translation>&amp;Modellgröße:</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>&amp;Schritte:</translation>
    </message>
    <message>
        <source>Passes of image-encoder pretraining on the attribute labels before the steps</source>
        <translation>Durchläufe des Bildencoder-Vortrainings auf den Merkmalslabels vor den Schritten</translation>
    </message>
    <message>
        <source>&amp;Encoder pretraining (epochs):</source>
        <translation>&amp;Encoder-Vortraining (Epochen):</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Batchgröße:</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Threads:</translation>
    </message>
    <message>
        <source>token: beside the image&apos;s tokens; head: the attribute head reads only the measures; only: the measures are the decoder&apos;s only image input</source>
        <translation>token: neben den Tokens des Bildes; head: der Merkmalskopf liest nur die Maße; only: die Maße sind die einzige Bildeingabe des Decoders</translation>
    </message>
    <message>
        <source>Measures &amp;read by:</source>
        <translation>Maße &amp;gelesen von:</translation>
    </message>
    <message>
        <source>automatic (base-N or ft-N)</source>
        <translation>automatisch (base-N oder ft-N)</translation>
    </message>
    <message>
        <source>Stopped before it finished, resumed under this name: %1</source>
        <translation>Vor dem Ende angehalten, unter diesem Namen fortgesetzt: %1</translation>
    </message>
    <message>
        <source>Checkpoint &amp;name:</source>
        <translation>Checkpoint-&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>A checkpoint name is a folder name: no &apos;/&apos; and no leading &apos;.&apos;</source>
        <translation>Ein Checkpoint-Name ist ein Ordnername: kein &apos;/&apos; und kein &apos;.&apos; am Anfang</translation>
    </message>
</context>
<context>
    <name>medq::gui::UiLanguage</name>
    <message>
        <source>System default</source>
        <translation>Systemsprache</translation>
    </message>
</context>
</TS>
