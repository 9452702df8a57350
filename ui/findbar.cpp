#include "findbar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Dossier::Ui
{

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_field(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setAccessibleName(tr("Find in article"));
    m_field->setObjectName(QStringLiteral("findText"));
    m_field->setPlaceholderText(tr("Find in article"));
    m_field->setAccessibleName(tr("Text to find"));
    m_field->setClearButtonEnabled(true);

    m_previous->setObjectName(QStringLiteral("findPrevious"));
    m_previous->setText(tr("Previous"));
    m_previous->setToolTip(tr("Previous match (Shift+Return)"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setAutoRaise(true);

    m_next->setObjectName(QStringLiteral("findNext"));
    m_next->setText(tr("Next"));
    m_next->setToolTip(tr("Next match (Return)"));
    m_next->setAccessibleName(tr("Next match"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setAutoRaise(true);

    m_matchCase->setObjectName(QStringLiteral("findMatchCase"));
    m_matchCase->setAccessibleName(tr("Match case"));

    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setAccessibleName(tr("Matches"));
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(tr("%1 of %2").arg(9999).arg(9999)));

    m_close->setObjectName(QStringLiteral("findClose"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close the find bar (Esc)"));
    m_close->setAccessibleName(tr("Close find bar"));
    m_close->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_status);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_close);
    setFocusProxy(m_field);

    connect(m_field, &QLineEdit::textChanged, this, &FindBar::searchChanged);
    connect(m_matchCase, &QCheckBox::toggled, this, &FindBar::searchChanged);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &FindBar::nextRequested);
    connect(m_close, &QToolButton::clicked, this, &FindBar::closeRequested);
    setMatchCount(0, 0);
}

FindBar::~FindBar() = default;

QString FindBar::text() const
{
    return m_field->text();
}

void FindBar::setText(const QString &text)
{
    m_field->setText(text);
}

QTextDocument::FindFlags FindBar::findFlags() const
{
    return m_matchCase->isChecked() ? QTextDocument::FindCaseSensitively : QTextDocument::FindFlags();
}

void FindBar::setMatchCount(int current, int total)
{
    if (m_field->text().isEmpty()) {
        m_status->clear();
    } else if (total == 0) {
        m_status->setText(tr("No matches"));
    } else if (current <= 0) {
        m_status->setText(tr("%n match(es)", nullptr, total));
    } else {
        m_status->setText(tr("%1 of %2").arg(current).arg(total));
    }
    m_previous->setEnabled(total > 0);
    m_next->setEnabled(total > 0);
}

void FindBar::activate()
{
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    // The line edit leaves Return and Esc unhandled, so they arrive here from it as from the buttons.
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT closeRequested();
    } else if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        if (event->modifiers() & Qt::ShiftModifier) {
            Q_EMIT previousRequested();
        } else {
            Q_EMIT nextRequested();
        }
    } else if (event->matches(QKeySequence::FindNext)) {
        Q_EMIT nextRequested();
    } else if (event->matches(QKeySequence::FindPrevious)) {
        Q_EMIT previousRequested();
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace Dossier::Ui
