// common/JsonFields.h: a table of fields writes a settings struct to JSON and reads it back;
// reading names the key of a wrong type or an unknown key, missing keys keep defaults (or what
// older files meant).
#include "common/JsonFields.h"

#include <QtTest>

using namespace medq;

namespace {

struct Inner {
    int depth = 1;
    QJsonObject toJson() const { return QJsonObject{{"depth", depth}}; }
    static Result<Inner> fromJson(const QJsonObject& json) {
        Inner inner;
        if (!json.value("depth").isDouble()) return Error{QStringLiteral("depth"), QStringLiteral("must be a number")};
        inner.depth = json.value("depth").toInt();
        return inner;
    }
};

enum class Shape { Round, Square };

struct Settings {
    int count = 3;
    qint64 big = -5;
    std::uint64_t seed = 7;
    double rate = 0.5;
    QString name = QStringLiteral("base");
    bool enabled = true;
    bool legacy = true;  // files without the key meant false
    Anchors anchors = Anchors::Members;
    Shape shape = Shape::Round;
    QStringList tags{QStringLiteral("a")};
    Inner inner;
};

const std::vector<JsonField<Settings>>& fields() {
    static const std::vector<JsonField<Settings>> list = {
        intField("count", &Settings::count),
        intField("big", &Settings::big),
        uint64Field("seed", &Settings::seed),
        doubleField("rate", &Settings::rate),
        textField("name", &Settings::name),
        boolField("enabled", &Settings::enabled),
        boolField("legacy", &Settings::legacy, /*whenMissing*/ false),
        enumField("anchors", &Settings::anchors),
        enumField("shape", &Settings::shape, {{Shape::Round, "round"}, {Shape::Square, "square"}}),
        textListField("tags", &Settings::tags),
        objectField("inner", &Settings::inner),
    };
    return list;
}

Settings changed() {
    Settings s;
    s.count = -12;
    s.big = 1LL << 40;
    s.seed = 987654321012345ULL;
    s.rate = 0.125;
    s.name = QStringLiteral("changed");
    s.enabled = false;
    s.legacy = false;
    s.anchors = Anchors::Centroid;
    s.shape = Shape::Square;
    s.tags = {QStringLiteral("x"), QStringLiteral("y")};
    s.inner.depth = 4;
    return s;
}

}  // namespace

class JsonFieldsTest : public QObject {
    Q_OBJECT

private slots:
    void roundTripsEveryKind() {
        const Settings s = changed();
        const QJsonObject json = fieldsToJson(s, fields());
        QCOMPARE(json.size(), int(fields().size()));
        QVERIFY(json.value("count").isDouble());
        QVERIFY(json.value("seed").isDouble());
        QCOMPARE(json.value("anchors").toString(), key(Anchors::Centroid));
        QCOMPARE(json.value("shape").toString(), QStringLiteral("square"));
        QCOMPARE(json.value("inner").toObject().value("depth").toInt(), 4);
        Settings back;
        const Status read = fieldsFromJson(back, json, fields());
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message()));
        QCOMPARE(back.count, s.count);
        QCOMPARE(back.big, s.big);
        QCOMPARE(back.seed, s.seed);
        QCOMPARE(back.rate, s.rate);
        QCOMPARE(back.name, s.name);
        QCOMPARE(back.enabled, s.enabled);
        QCOMPARE(back.legacy, s.legacy);
        QVERIFY(back.anchors == s.anchors);
        QVERIFY(back.shape == s.shape);
        QCOMPARE(back.tags, s.tags);
        QCOMPARE(back.inner.depth, s.inner.depth);
        QCOMPARE(fieldsToJson(back, fields()), json);
    }

    void missingKeysKeepDefaultsOrWhatOlderFilesMeant() {
        Settings s = changed();
        QVERIFY(fieldsFromJson(s, QJsonObject{{"count", 9}}, fields()).ok());
        QCOMPARE(s.count, 9);
        QCOMPARE(s.name, QStringLiteral("changed"));  // untouched: the key is missing
        QCOMPARE(s.legacy, false);
        Settings fresh;
        QVERIFY(fieldsFromJson(fresh, QJsonObject{}, fields()).ok());
        QCOMPARE(fresh.legacy, false);  // whenMissing, not the struct's default
        QCOMPARE(fresh.enabled, true);
    }

    void seedKeepsTheBitsAJsonNumberHolds() {
        Settings s;
        s.seed = ~std::uint64_t(0);
        const QJsonObject json = fieldsToJson(s, fields());
        Settings back;
        QVERIFY(fieldsFromJson(back, json, fields()).ok());
        QCOMPARE(back.seed, (std::uint64_t(1) << 53) - 1);
    }

    void wrongTypeNamesTheField_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("int as text") << "count" << QJsonValue("three");
        QTest::newRow("int with a fraction") << "count" << QJsonValue(2.5);
        QTest::newRow("int out of range") << "count" << QJsonValue(1e10);
        QTest::newRow("negative seed") << "seed" << QJsonValue(-1);
        QTest::newRow("double as bool") << "rate" << QJsonValue(true);
        QTest::newRow("text as number") << "name" << QJsonValue(4);
        QTest::newRow("bool as number") << "enabled" << QJsonValue(1);
        QTest::newRow("null") << "enabled" << QJsonValue(QJsonValue::Null);
        QTest::newRow("vocabulary word unknown") << "anchors" << QJsonValue("corners");
        QTest::newRow("table word unknown") << "shape" << QJsonValue("oval");
        QTest::newRow("list of numbers") << "tags" << QJsonValue(QJsonArray{1, 2});
        QTest::newRow("object as text") << "inner" << QJsonValue("deep");
        QTest::newRow("nested wrong type") << "inner" << QJsonValue(QJsonObject{{"depth", "deep"}});
    }
    void wrongTypeNamesTheField() {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        const Settings before = changed();
        Settings s = before;
        QJsonObject json = fieldsToJson(s, fields());
        json.insert(key, value);
        const Status read = fieldsFromJson(s, json, fields());
        QVERIFY(!read.ok());
        QCOMPARE(read.error().subject, key);
        QVERIFY(!read.error().reason.isEmpty());
    }

    void unknownWordListsTheKnownOnes() {
        Settings s;
        Status read = fieldsFromJson(s, QJsonObject{{"shape", "oval"}}, fields());
        QVERIFY(!read.ok());
        QCOMPARE(read.error().reason, QStringLiteral("'oval' is not one of round, square"));
        read = fieldsFromJson(s, QJsonObject{{"anchors", "corners"}}, fields());
        QVERIFY(!read.ok());
        QVERIFY2(read.error().reason.contains(keyList<Anchors>()), qPrintable(read.error().reason));
        read = fieldsFromJson(s, QJsonObject{{"inner", QJsonObject{{"depth", "deep"}}}}, fields());
        QCOMPARE(read.error().reason, QStringLiteral("depth: must be a number"));
    }

    void unknownKeyRejectedWhenAsked() {
        QJsonObject json = fieldsToJson(Settings(), fields());
        json.insert("colour", "blue");
        Settings s;
        QVERIFY(fieldsFromJson(s, json, fields()).ok());
        QVERIFY(fieldsFromJson(s, json, fields(), UnknownKeys::Ignore).ok());
        const Status read = fieldsFromJson(s, json, fields(), UnknownKeys::Reject);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().subject, QStringLiteral("colour"));
        QCOMPARE(read.error().reason, QStringLiteral("unknown key"));
    }
};

QTEST_GUILESS_MAIN(JsonFieldsTest)
#include "tst_json_fields.moc"
