// Written by `./dev facts` from cowork/core/facts.py, geo.py and rules.py: do not edit by hand.
// tests/core/test_facts.py fails when this file and the Python definitions disagree.
export const FACTS = {
  "kinds": {
    "tree": {
      "geometry": "Point",
      "colour": "#2e7d32",
      "ink": "#ffffff"
    },
    "bench": {
      "geometry": "Point",
      "colour": "#795548",
      "ink": "#ffffff"
    },
    "lighting": {
      "geometry": "Point",
      "colour": "#f9a825",
      "ink": "#1b1b1b"
    },
    "sign": {
      "geometry": "Point",
      "colour": "#5e35b1",
      "ink": "#ffffff"
    },
    "note": {
      "geometry": "Point",
      "colour": "#d81b60",
      "ink": "#ffffff"
    },
    "path": {
      "geometry": "LineString",
      "colour": "#ef6c00",
      "ink": "#ffffff"
    },
    "bike_lane": {
      "geometry": "LineString",
      "colour": "#1e88e5",
      "ink": "#ffffff"
    },
    "play_area": {
      "geometry": "Polygon",
      "colour": "#e53935",
      "ink": "#ffffff"
    },
    "green_area": {
      "geometry": "Polygon",
      "colour": "#7cb342",
      "ink": "#1b1b1b"
    },
    "water": {
      "geometry": "Polygon",
      "colour": "#00acc1",
      "ink": "#1b1b1b"
    },
    "plaza": {
      "geometry": "Polygon",
      "colour": "#c58b3b",
      "ink": "#1b1b1b"
    }
  },
  "unknown_kind": {
    "colour": "#555555",
    "ink": "#ffffff"
  },
  "kind_groups": {
    "points": [
      "tree",
      "bench",
      "lighting",
      "sign",
      "note"
    ],
    "lines": [
      "path",
      "bike_lane"
    ],
    "areas": [
      "play_area",
      "green_area",
      "water",
      "plaza"
    ]
  },
  "limits": {
    "title": 200,
    "note": 2000,
    "name": 40,
    "comment": 500,
    "reason": 200,
    "conditions": 200,
    "join_code": 40,
    "recovery_code": 40,
    "timer_seconds": 86400,
    "observations": 2000,
    "visit_count": 500,
    "votes": {
      "votes_per_participant": [
        0,
        100
      ],
      "max_votes_per_design": [
        1,
        100
      ]
    },
    "site_vertices": 500
  },
  "phases": [
    "setup",
    "sketching",
    "voting",
    "closed"
  ],
  "actions": {
    "sketch": {
      "participant": [
        "sketching"
      ],
      "facilitator": [
        "setup",
        "sketching"
      ]
    },
    "comment": {
      "participant": [
        "sketching",
        "voting"
      ],
      "facilitator": [
        "setup",
        "sketching",
        "voting"
      ]
    },
    "vote": {
      "participant": [
        "voting"
      ],
      "facilitator": []
    },
    "phase": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting",
        "closed"
      ]
    },
    "timer": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting"
      ]
    },
    "view": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting",
        "closed"
      ]
    },
    "settings": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting"
      ]
    },
    "publishing": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting",
        "closed"
      ]
    },
    "moderate": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting"
      ]
    },
    "remove": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting"
      ]
    },
    "join_code": {
      "participant": null,
      "facilitator": [
        "setup",
        "sketching",
        "voting",
        "closed"
      ]
    }
  },
  "default_settings": {
    "palette": [
      "tree",
      "bench",
      "lighting",
      "sign",
      "note",
      "path",
      "bike_lane",
      "play_area",
      "green_area",
      "water",
      "plaza"
    ],
    "votes_per_participant": 3,
    "max_votes_per_design": 1,
    "authors_may_vote_own": true,
    "show_running_tallies": false,
    "private_sketching": false,
    "revealed": false,
    "open_data": true
  },
  "private_phases": [
    "setup",
    "sketching"
  ],
  "statuses": [
    "planned",
    "in_progress",
    "built",
    "built_with_deviation",
    "missing",
    "removed"
  ],
  "built_statuses": [
    "built",
    "built_with_deviation"
  ],
  "shaped_statuses": [
    "in_progress",
    "built",
    "built_with_deviation"
  ],
  "project_statuses": [
    "planned",
    "in_progress",
    "built",
    "built_with_deviation"
  ],
  "lane_statuses": [
    "proposed",
    "planned",
    "in_progress",
    "built",
    "built_with_deviation"
  ],
  "shown_as": [
    "name",
    "initials",
    "author"
  ],
  "default_shown_as": "initials",
  "photo_media_types": [
    "image/jpeg",
    "image/png",
    "image/webp"
  ],
  "map_max_zoom": 19,
  "site_file_extensions": [
    ".geojson",
    ".json",
    ".kml",
    ".kmz",
    ".gpkg",
    ".zip"
  ],
  "measure_decimals": {
    "area_m2": [
      [
        100,
        0
      ],
      [
        0.1,
        1
      ],
      [
        0,
        0
      ]
    ],
    "length_m": [
      [
        1000,
        0
      ],
      [
        0.1,
        1
      ],
      [
        0,
        0
      ]
    ]
  },
  "rounding": "half_up",
  "props": {
    "tree": {
      "species": {
        "type": "text",
        "max_length": 80
      },
      "count": {
        "type": "integer",
        "minimum": 1,
        "maximum": 500
      }
    },
    "bike_lane": {
      "facility": {
        "type": "choice",
        "options": [
          "separated",
          "painted",
          "shared"
        ],
        "default": "painted"
      },
      "two_way": {
        "type": "boolean"
      }
    },
    "path": {
      "surface": {
        "type": "choice",
        "options": [
          "paved",
          "gravel",
          "unpaved"
        ]
      }
    },
    "sign": {
      "text": {
        "type": "text",
        "max_length": 80
      },
      "bearing": {
        "type": "integer",
        "minimum": 0,
        "maximum": 359
      },
      "sign_type": {
        "type": "choice",
        "options": [
          "direction",
          "information",
          "map"
        ]
      }
    },
    "bench": {
      "count": {
        "type": "integer",
        "minimum": 1,
        "maximum": 100
      }
    },
    "lighting": {
      "height_m": {
        "type": "number",
        "minimum": 0.5,
        "maximum": 30.0
      }
    }
  }
};
