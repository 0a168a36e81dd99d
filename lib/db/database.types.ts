export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  game: {
    Tables: {
      blocked_words: {
        Row: {
          match: string;
          word: string;
        };
        ComputedFields: never;
        Insert: {
          match: string;
          word: string;
        };
        Update: {
          match?: string;
          word?: string;
        };
        Relationships: [];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      answer_ack: {
        Args: {
          p_answer: Omit<
            Database["public"]["Tables"]["answers"]["Row"],
            Database["public"]["Tables"]["answers"]["ComputedFields"]
          >;
          p_status: string;
        };
        Returns: Json;
      };
      answer_count: { Args: { p_question_id: string; p_session_id: string }; Returns: number };
      answer_grace: { Args: Record<PropertyKey, never>; Returns: string };
      answer_key: { Args: { p_text: string }; Returns: string };
      answer_points: {
        Args: {
          p_credit_den: number;
          p_credit_num: number;
          p_elapsed_ms: number;
          p_limit_ms: number;
          p_points: number;
        };
        Returns: number;
      };
      answer_refusal: { Args: { p_code: string; p_message: string }; Returns: Json };
      answer_stats: { Args: { p_question_id: string; p_session_id: string }; Returns: Json };
      attach_screen: { Args: { p_pin: string }; Returns: Json };
      cached_standings: {
        Args: {
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Database["public"]["Tables"]["public_standings"]["Row"];
        SetofOptions: {
          from: "sessions";
          to: "public_standings";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      caller: { Args: Record<PropertyKey, never>; Returns: string };
      can_read_own_answer: {
        Args: { p_participant_id: string; p_question_id: string; p_session_id: string };
        Returns: boolean;
      };
      can_receive: { Args: { p_topic: string }; Returns: boolean };
      canonical_response: { Args: { p_kind: string; p_options: Json; p_response: Json }; Returns: Json };
      check_name: {
        Args: { p_raw: string };
        Returns: {
          display: string;
          key: string;
        }[];
      };
      close_question: { Args: { p_session_id: string }; Returns: Json };
      compute_answer_stats: { Args: { p_question_id: string; p_session_id: string }; Returns: Json };
      compute_standings: {
        Args: {
          p_as_host: boolean;
          p_limit: number;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      compute_team_standings: {
        Args: {
          p_as_host: boolean;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      create_quiz: { Args: { p_quiz: Json }; Returns: string };
      create_session: {
        Args: { p_allow_late_join?: boolean; p_quiz_id: string; p_teams_enabled?: boolean };
        Returns: Json;
      };
      create_team: { Args: { p_name: string; p_session_id: string }; Returns: Json };
      display_name: { Args: { p_raw: string }; Returns: string };
      eligible_count: {
        Args: {
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: number;
      };
      event: {
        Args: {
          p_payload?: Json;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
          p_type: string;
        };
        Returns: Json;
      };
      event_audience: { Args: { p_type: string }; Returns: string };
      fail: { Args: { p_code: string; p_detail?: string }; Returns: undefined };
      finish_session: { Args: { p_session_id: string }; Returns: Json };
      fold_text: { Args: { p_text: string }; Returns: string };
      hosted_session: {
        Args: { p_session_id: string };
        Returns: Database["public"]["Tables"]["sessions"]["Row"];
        SetofOptions: {
          from: "*";
          to: "sessions";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      is_session_host: { Args: { p_session_id: string }; Returns: boolean };
      is_session_player: { Args: { p_session_id: string }; Returns: boolean };
      is_session_screen: { Args: { p_session_id: string }; Returns: boolean };
      join_session: { Args: { p_nickname: string; p_pin: string; p_team_id?: string }; Returns: Json };
      key_problem: {
        Args: {
          p_key: Omit<
            Database["public"]["Tables"]["question_keys"]["Row"],
            Database["public"]["Tables"]["question_keys"]["ComputedFields"]
          >;
          p_kind: string;
          p_options: Json;
        };
        Returns: string;
      };
      kick_participant: { Args: { p_participant_id: string; p_session_id: string }; Returns: Json };
      leaderboard: { Args: { p_limit?: number; p_session_id: string }; Returns: Json };
      lookup_pin: { Args: { p_pin: string }; Returns: Json };
      name_is_blocked: { Args: { p_key: string }; Returns: boolean };
      name_key: { Args: { p_display: string }; Returns: string };
      next_question: { Args: { p_session_id: string }; Returns: Json };
      open_question: { Args: { p_session_id: string }; Returns: Json };
      options_are_valid: { Args: { p_kind: string; p_options: Json }; Returns: boolean };
      participant_json: {
        Args: {
          p: Omit<
            Database["public"]["Tables"]["participants"]["Row"],
            Database["public"]["Tables"]["participants"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      pause_question: { Args: { p_session_id: string }; Returns: Json };
      personal_results: {
        Args: {
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      pick_team: { Args: { p_session_id: string; p_team_id: string }; Returns: Json };
      previous_answer: { Args: { p_answer_id: string; p_participant_id: string }; Returns: Json };
      public_key: { Args: { p_question_id: string }; Returns: Json };
      public_question: {
        Args: {
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      question_results: { Args: { p_question_id: string; p_session_id: string }; Returns: Json };
      rank_of: {
        Args: {
          p_as_host: boolean;
          p_participant: Omit<
            Database["public"]["Tables"]["participants"]["Row"],
            Database["public"]["Tables"]["participants"]["ComputedFields"]
          >;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: number;
      };
      refresh_session_reads: {
        Args: {
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: undefined;
      };
      require_state: {
        Args: {
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
          p_states: string[];
        };
        Returns: undefined;
      };
      resume_question: { Args: { p_session_id: string }; Returns: Json };
      reveal_question: { Args: { p_session_id: string }; Returns: Json };
      save_quiz: { Args: { p_quiz: Json; p_quiz_id: string }; Returns: string };
      score_question: { Args: { p_question_id: string; p_session_id: string }; Returns: undefined };
      session_json: {
        Args: {
          s: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      session_lock_key: { Args: { p_session_id: string }; Returns: number };
      session_report: { Args: { p_session_id: string }; Returns: Json };
      session_snapshot: { Args: { p_as?: string; p_session_id: string }; Returns: Json };
      show_leaderboard: { Args: { p_session_id: string }; Returns: Json };
      show_question: {
        Args: {
          p_index: number;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      shown_score: {
        Args: { p_as_host: boolean; p_previous_score: number; p_score: number; p_state: string };
        Returns: number;
      };
      standings: {
        Args: {
          p_as_host: boolean;
          p_limit: number;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      start_session: { Args: { p_session_id: string }; Returns: Json };
      streak_bonus: { Args: { p_streak_before: number }; Returns: number };
      strip_invisible: { Args: { p_text: string }; Returns: string };
      submit_answer: {
        Args: { p_answer_id: string; p_question_id: string; p_response: Json; p_session_id: string };
        Returns: Json;
      };
      submit_answer_as: { Args: { p_item: Json }; Returns: Json };
      submit_answers: { Args: { p_batch: Json }; Returns: Json };
      team_standing_of: {
        Args: {
          p_player: Omit<
            Database["public"]["Tables"]["participants"]["Row"],
            Database["public"]["Tables"]["participants"]["ComputedFields"]
          >;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      team_standings: {
        Args: {
          p_as_host: boolean;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: Json;
      };
      try_canonical_response: { Args: { p_kind: string; p_options: Json; p_response: Json }; Returns: Json };
      try_previous_answer: { Args: { p_answer_id: string; p_participant_id: string }; Returns: Json };
      try_submit_answer: {
        Args: { p_answer_id: string; p_question_id: string; p_response: Json; p_session_id: string };
        Returns: Json;
      };
      update_session_settings: {
        Args: { p_allow_late_join?: boolean; p_is_locked?: boolean; p_session_id: string; p_teams_enabled?: boolean };
        Returns: Json;
      };
      viewer_role: {
        Args: {
          p_as: string;
          p_player: Omit<
            Database["public"]["Tables"]["participants"]["Row"],
            Database["public"]["Tables"]["participants"]["ComputedFields"]
          >;
          p_session: Omit<
            Database["public"]["Tables"]["sessions"]["Row"],
            Database["public"]["Tables"]["sessions"]["ComputedFields"]
          >;
        };
        Returns: string;
      };
      write_quiz_content: { Args: { p_quiz: Json; p_quiz_id: string }; Returns: undefined };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
  public: {
    Tables: {
      answers: {
        Row: {
          elapsed_ms: number;
          id: string;
          is_correct: boolean | null;
          participant_id: string;
          points: number | null;
          question_id: string;
          received_at: string;
          response: NonNullable<Json>;
          scored_at: string | null;
          session_id: string;
          streak_bonus: number | null;
        };
        ComputedFields: never;
        Insert: {
          elapsed_ms: number;
          id: string;
          is_correct?: boolean | null;
          participant_id: string;
          points?: number | null;
          question_id: string;
          received_at: string;
          response: NonNullable<Json>;
          scored_at?: string | null;
          session_id: string;
          streak_bonus?: number | null;
        };
        Update: {
          elapsed_ms?: number;
          id?: string;
          is_correct?: boolean | null;
          participant_id?: string;
          points?: number | null;
          question_id?: string;
          received_at?: string;
          response?: NonNullable<Json>;
          scored_at?: string | null;
          session_id?: string;
          streak_bonus?: number | null;
        };
        Relationships: [
          {
            foreignKeyName: "answers_participant_fkey";
            columns: ["participant_id", "session_id"];
            isOneToOne: false;
            referencedRelation: "participants";
            referencedColumns: ["id", "session_id"];
          },
        ];
      };
      participants: {
        Row: {
          correct_count: number;
          id: string;
          is_kicked: boolean;
          joined_at: string;
          kicked_at: string | null;
          nickname: string;
          nickname_key: string;
          previous_rank: number | null;
          previous_score: number;
          rank: number | null;
          score: number;
          session_id: string;
          streak: number;
          team_id: string | null;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          correct_count?: number;
          id?: string;
          is_kicked?: boolean;
          joined_at?: string;
          kicked_at?: string | null;
          nickname: string;
          nickname_key: string;
          previous_rank?: number | null;
          previous_score?: number;
          rank?: number | null;
          score?: number;
          session_id: string;
          streak?: number;
          team_id?: string | null;
          user_id: string;
        };
        Update: {
          correct_count?: number;
          id?: string;
          is_kicked?: boolean;
          joined_at?: string;
          kicked_at?: string | null;
          nickname?: string;
          nickname_key?: string;
          previous_rank?: number | null;
          previous_score?: number;
          rank?: number | null;
          score?: number;
          session_id?: string;
          streak?: number;
          team_id?: string | null;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "participants_session_id_fkey";
            columns: ["session_id"];
            isOneToOne: false;
            referencedRelation: "sessions";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "participants_team_fkey";
            columns: ["session_id", "team_id"];
            isOneToOne: false;
            referencedRelation: "teams";
            referencedColumns: ["session_id", "id"];
          },
        ];
      };
      public_standings: {
        Row: {
          seq: number;
          session_id: string;
          teams: Json | null;
          top: NonNullable<Json>;
        };
        ComputedFields: never;
        Insert: {
          seq: number;
          session_id: string;
          teams?: Json | null;
          top: NonNullable<Json>;
        };
        Update: {
          seq?: number;
          session_id?: string;
          teams?: Json | null;
          top?: NonNullable<Json>;
        };
        Relationships: [
          {
            foreignKeyName: "public_standings_session_id_fkey";
            columns: ["session_id"];
            isOneToOne: true;
            referencedRelation: "sessions";
            referencedColumns: ["id"];
          },
        ];
      };
      question_keys: {
        Row: {
          accepted_answers: string[];
          correct_option_ids: string[];
          numeric_target: number | null;
          numeric_tolerance: number | null;
          question_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          accepted_answers?: string[];
          correct_option_ids?: string[];
          numeric_target?: number | null;
          numeric_tolerance?: number | null;
          question_id: string;
          updated_at?: string;
        };
        Update: {
          accepted_answers?: string[];
          correct_option_ids?: string[];
          numeric_target?: number | null;
          numeric_tolerance?: number | null;
          question_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "question_keys_question_id_fkey";
            columns: ["question_id"];
            isOneToOne: true;
            referencedRelation: "questions";
            referencedColumns: ["id"];
          },
        ];
      };
      question_stats: {
        Row: {
          computed_at: string;
          player_count: number;
          question_id: string;
          session_id: string;
          stats: NonNullable<Json>;
        };
        ComputedFields: never;
        Insert: {
          computed_at?: string;
          player_count: number;
          question_id: string;
          session_id: string;
          stats: NonNullable<Json>;
        };
        Update: {
          computed_at?: string;
          player_count?: number;
          question_id?: string;
          session_id?: string;
          stats?: NonNullable<Json>;
        };
        Relationships: [
          {
            foreignKeyName: "question_stats_session_id_fkey";
            columns: ["session_id"];
            isOneToOne: false;
            referencedRelation: "sessions";
            referencedColumns: ["id"];
          },
        ];
      };
      questions: {
        Row: {
          created_at: string;
          explanation: string | null;
          id: string;
          image_url: string | null;
          kind: string;
          options: NonNullable<Json>;
          points: number;
          position: number;
          prompt: string;
          quiz_id: string;
          round_id: string | null;
          time_limit_s: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          explanation?: string | null;
          id?: string;
          image_url?: string | null;
          kind: string;
          options?: NonNullable<Json>;
          points?: number;
          position: number;
          prompt: string;
          quiz_id: string;
          round_id?: string | null;
          time_limit_s?: number;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          explanation?: string | null;
          id?: string;
          image_url?: string | null;
          kind?: string;
          options?: NonNullable<Json>;
          points?: number;
          position?: number;
          prompt?: string;
          quiz_id?: string;
          round_id?: string | null;
          time_limit_s?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "questions_quiz_id_fkey";
            columns: ["quiz_id"];
            isOneToOne: false;
            referencedRelation: "quizzes";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "questions_round_fkey";
            columns: ["quiz_id", "round_id"];
            isOneToOne: false;
            referencedRelation: "rounds";
            referencedColumns: ["quiz_id", "id"];
          },
        ];
      };
      quizzes: {
        Row: {
          created_at: string;
          description: string | null;
          host_id: string;
          id: string;
          title: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          description?: string | null;
          host_id?: string;
          id?: string;
          title: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          description?: string | null;
          host_id?: string;
          id?: string;
          title?: string;
          updated_at?: string;
        };
        Relationships: [];
      };
      rounds: {
        Row: {
          id: string;
          position: number;
          quiz_id: string;
          title: string;
        };
        ComputedFields: never;
        Insert: {
          id?: string;
          position: number;
          quiz_id: string;
          title: string;
        };
        Update: {
          id?: string;
          position?: number;
          quiz_id?: string;
          title?: string;
        };
        Relationships: [
          {
            foreignKeyName: "rounds_quiz_id_fkey";
            columns: ["quiz_id"];
            isOneToOne: false;
            referencedRelation: "quizzes";
            referencedColumns: ["id"];
          },
        ];
      };
      screens: {
        Row: {
          attached_at: string;
          id: string;
          session_id: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          attached_at?: string;
          id?: string;
          session_id: string;
          user_id: string;
        };
        Update: {
          attached_at?: string;
          id?: string;
          session_id?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "screens_session_id_fkey";
            columns: ["session_id"];
            isOneToOne: false;
            referencedRelation: "sessions";
            referencedColumns: ["id"];
          },
        ];
      };
      sessions: {
        Row: {
          allow_late_join: boolean;
          closed_at: string | null;
          created_at: string;
          deadline_at: string | null;
          finished_at: string | null;
          host_id: string;
          id: string;
          is_locked: boolean;
          opened_at: string | null;
          paused_at: string | null;
          pin: string;
          player_seq: number;
          question_id: string | null;
          question_ids: string[];
          question_index: number;
          quiz_id: string;
          remaining_ms: number | null;
          seq: number;
          started_at: string | null;
          state: string;
          teams_enabled: boolean;
          timer_origin_at: string | null;
          title: string;
        };
        ComputedFields: never;
        Insert: {
          allow_late_join?: boolean;
          closed_at?: string | null;
          created_at?: string;
          deadline_at?: string | null;
          finished_at?: string | null;
          host_id: string;
          id?: string;
          is_locked?: boolean;
          opened_at?: string | null;
          paused_at?: string | null;
          pin: string;
          player_seq?: number;
          question_id?: string | null;
          question_ids: string[];
          question_index?: number;
          quiz_id: string;
          remaining_ms?: number | null;
          seq?: number;
          started_at?: string | null;
          state?: string;
          teams_enabled?: boolean;
          timer_origin_at?: string | null;
          title: string;
        };
        Update: {
          allow_late_join?: boolean;
          closed_at?: string | null;
          created_at?: string;
          deadline_at?: string | null;
          finished_at?: string | null;
          host_id?: string;
          id?: string;
          is_locked?: boolean;
          opened_at?: string | null;
          paused_at?: string | null;
          pin?: string;
          player_seq?: number;
          question_id?: string | null;
          question_ids?: string[];
          question_index?: number;
          quiz_id?: string;
          remaining_ms?: number | null;
          seq?: number;
          started_at?: string | null;
          state?: string;
          teams_enabled?: boolean;
          timer_origin_at?: string | null;
          title?: string;
        };
        Relationships: [
          {
            foreignKeyName: "sessions_question_id_fkey";
            columns: ["question_id"];
            isOneToOne: false;
            referencedRelation: "questions";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "sessions_quiz_id_fkey";
            columns: ["quiz_id"];
            isOneToOne: false;
            referencedRelation: "quizzes";
            referencedColumns: ["id"];
          },
        ];
      };
      teams: {
        Row: {
          created_at: string;
          id: string;
          name: string;
          name_key: string;
          session_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          id?: string;
          name: string;
          name_key: string;
          session_id: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          name?: string;
          name_key?: string;
          session_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "teams_session_id_fkey";
            columns: ["session_id"];
            isOneToOne: false;
            referencedRelation: "sessions";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      [_ in never]: never;
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    keyof (DefaultSchema["Tables"] & DefaultSchema["Views"]) | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema["CompositeTypes"] | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  game: {
    Enums: {},
  },
  public: {
    Enums: {},
  },
} as const;
