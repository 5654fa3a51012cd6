// Which proposed presentation contexts the receiver refuses, and that the reason names the
// SOP class and what is wrong.
#include "pacs/ReceiverContexts.h"

#include <QtTest>

using namespace medq::pacs;

class TestReceiverContexts : public QObject {
    Q_OBJECT
private slots:
    void refusal_data() {
        QTest::addColumn<QString>("sopClass");
        QTest::addColumn<QStringList>("syntaxes");
        QTest::addColumn<QString>("reason");  // a part of it; empty: accepted
        const QString explicitLe = QStringLiteral("1.2.840.10008.1.2.1");
        QTest::newRow("ct image") << "1.2.840.10008.5.1.4.1.1.2" << QStringList{explicitLe} << QString();
        QTest::newRow("verification") << "1.2.840.10008.1.1" << QStringList{explicitLe} << QString();
        QTest::newRow("jpeg 2000 only") << "1.2.840.10008.5.1.4.1.1.2" << QStringList{"1.2.840.10008.1.2.4.91"} << QString();
        QTest::newRow("parametric map") << "1.2.840.10008.5.1.4.1.1.30" << QStringList{explicitLe}
                                        << "SOP class 1.2.840.10008.5.1.4.1.1.30 (ParametricMapStorage) is not one the receiver accepts";
        QTest::newRow("private class") << "1.2.826.0.1.3680043.2.1143.9.9" << QStringList{explicitLe}
                                       << "SOP class 1.2.826.0.1.3680043.2.1143.9.9 (unknown) is not one the receiver accepts";
        QTest::newRow("mpeg2 only") << "1.2.840.10008.5.1.4.1.1.2" << QStringList{"1.2.840.10008.1.2.4.100"}
                                    << "only in transfer syntaxes the readers cannot decode (1.2.840.10008.1.2.4.100)";
    }
    void refusal() {
        QFETCH(QString, sopClass);
        QFETCH(QStringList, syntaxes);
        QFETCH(QString, reason);
        const QString got = ReceiverContexts::refusal(sopClass, syntaxes);
        if (reason.isEmpty()) QVERIFY2(got.isEmpty(), qPrintable(got));
        else QVERIFY2(got.contains(reason), qPrintable(got));
    }

    // Room under the 128 presentation contexts an association may carry, each class once.
    void offersEachClassOnceWithinTheCeiling() {
        const QStringList classes = ReceiverContexts::storageClasses();
        QVERIFY(classes.size() > 50);
        QVERIFY(classes.size() <= 127);
        QCOMPARE(QSet<QString>(classes.begin(), classes.end()).size(), classes.size());
        QVERIFY(!classes.contains(QStringLiteral("1.2.840.10008.1.1")));
    }
};

QTEST_GUILESS_MAIN(TestReceiverContexts)
#include "tst_receiver_contexts.moc"
