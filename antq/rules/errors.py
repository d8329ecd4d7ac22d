"""Typed refusals of the rules engine, each with a Vietnamese message fit to show the user."""


class RulesError(Exception):
    """Base of every error the rules package raises on purpose."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RulesetFormatError(RulesError):
    """A ruleset, additions, policy or score-sheet file is malformed."""


class NoRulesetError(RulesError):
    """No ruleset is in force on the requested date, or the id is unknown."""


class UnknownUnitKindError(RulesError):
    """The unit kind is not one the ruleset has criteria for."""


class UnknownCriterionError(RulesError):
    """An answer names a criterion or point the ruleset does not have for this unit kind."""


class UnknownFigureError(RulesError):
    """A figure name is not in the ruleset's vocabulary."""


class InvalidInputError(RulesError):
    """An answer or a figure has a value of the wrong type."""


class ClassificationError(RulesError):
    """Scores do not fit the score sheet, or the policy cannot classify them."""
