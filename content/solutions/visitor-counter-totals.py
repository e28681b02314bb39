from collections import Counter


def totals(items):
    # Each item is DynamoDB JSON: a number travels as text, as in "visits": {"N": "5"}.
    visits = Counter()
    for item in items:
        visits[item['page']['S']] += int(item['visits']['N'])
    return dict(visits)
