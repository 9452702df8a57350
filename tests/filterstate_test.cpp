// FilterState: the one owner of the document list's filter, set in parts.

#include "filterstate.h"

#include <QSignalSpy>
#include <QTest>

using namespace Dossier;

class FilterStateTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partsMakeOneFilter();
    void announcesOnlyRealChanges();
    void entityPartTakesOnlyEntities();
};

void FilterStateTest::partsMakeOneFilter()
{
    Ui::FilterState state;
    state.setText(QStringLiteral("  ferry  "));
    Core::DocumentFilter entities;
    entities.entities = { 3, 5 };
    entities.anyOf = true;
    entities.excluded = { 7 };
    state.setEntities(entities);
    state.setTags({ 2 });
    const Core::DocumentFilter filter = state.filter();
    QCOMPARE(filter.text, QStringLiteral("ferry"));
    QCOMPARE(filter.entities, (QList<qint64> { 3, 5 }));
    QVERIFY(filter.anyOf);
    QCOMPARE(filter.excluded, QList<qint64> { 7 });
    QCOMPARE(filter.tags, QList<qint64> { 2 });
}

void FilterStateTest::announcesOnlyRealChanges()
{
    Ui::FilterState state;
    QSignalSpy changed(&state, &Ui::FilterState::changed);
    state.setText(QStringLiteral("ferry"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().first().value<Core::DocumentFilter>().text, QStringLiteral("ferry"));
    state.setText(QStringLiteral("ferry ")); // the same query
    state.setTags({});
    state.setEntities({});
    QCOMPARE(changed.count(), 1);
    state.setTags({ 4 });
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().first().value<Core::DocumentFilter>().text, QStringLiteral("ferry"));
    QCOMPARE(changed.last().first().value<Core::DocumentFilter>().tags, QList<qint64> { 4 });
}

void FilterStateTest::entityPartTakesOnlyEntities()
{
    Ui::FilterState state;
    state.setText(QStringLiteral("ferry"));
    state.setTags({ 1 });
    Core::DocumentFilter selection;
    selection.text = QStringLiteral("ignored");
    selection.tags = { 9 };
    selection.entities = { 4 };
    state.setEntities(selection);
    QCOMPARE(state.filter().text, QStringLiteral("ferry"));
    QCOMPARE(state.filter().tags, QList<qint64> { 1 });
    QCOMPARE(state.filter().entities, QList<qint64> { 4 });
}

QTEST_GUILESS_MAIN(FilterStateTest)
#include "filterstate_test.moc"
